import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

// A calendar date (birth date, join date) is a day, not an instant: keep it as 'YYYY-MM-DD',
// never a Date shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** One definition of how we reach PostgreSQL, used by the app, the CLI, the dev runner and tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Schema changes only through migrations, everywhere (tests included).
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    extra: { max: poolSize, application_name: 'pioneer' },
  };
}
