import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (`pnpm migration:run` on the compiled output). */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required to run migrations from the CLI');
}
export default new DataSource(dataSourceOptions(url));
