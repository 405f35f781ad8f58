import fs from 'node:fs/promises';

export default async function globalTeardown() {
  const running = globalThis.__PIONEER_PG__;
  if (running) {
    await running.stop();
    await fs.rm(running.dataDir, { recursive: true, force: true });
  }
  if (globalThis.__PIONEER_PG_DIR__) await fs.rm(globalThis.__PIONEER_PG_DIR__, { recursive: true, force: true });
}
