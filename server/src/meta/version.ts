import { createRequire } from 'node:module';

// src/meta and dist/meta are both two levels below server/package.json.
const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export const APP_VERSION: string = pkg.version;
