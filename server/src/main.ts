import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/load-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, logger } = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: await app.getUrl() }, 'pioneer api listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `pioneer api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
