// Plain ESM: jest loads global setup outside its transform, so this uses the compiled server (built by `pnpm test:e2e`).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../dist/dev/embedded-postgres.js';
import { runMigrations } from '../dist/database/migrate.js';

export const TEMPLATE_DATABASE = 'pioneer_test_template';

/**
 * One real PostgreSQL for the whole run: DATABASE_URL when given, else one
 * started from the embedded-postgres package in a temporary folder. Migrations
 * are applied once to a template database; each test file clones it.
 */
export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pioneer-test-pg-'));
    const running = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: await freePort(),
      password: randomBytes(12).toString('hex'),
    });
    globalThis.__PIONEER_PG__ = running;
    globalThis.__PIONEER_PG_DIR__ = dir;
    serverUrl = running.url('postgres');
  }
  const server = new URL(serverUrl);
  server.pathname = '/postgres';
  process.env.TEST_DATABASE_SERVER_URL = server.toString();

  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(server.toString(), TEMPLATE_DATABASE);
  const templateUrl = new URL(server.toString());
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(templateUrl.toString());
}
