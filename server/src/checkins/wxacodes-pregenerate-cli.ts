import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { AppException } from '../common/errors/app-exception.js';
import { PinoNestLogger, createLogger } from '../common/logging/logger.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { CodesService, type PregenerateProgress } from './codes.service.js';

/**
 * `pnpm --filter @pioneer/server codes:pregenerate <org id> [--batch-size=200] [--concurrency=4]`:
 * has WeChat make the mini-program code of every branch under an org (the org
 * itself included) that has none under the current key version yet, so no
 * secretary waits for WeChat and a busy morning spends no quota. Run it with
 * the API's environment (after `pnpm build`, and again after a key rotation).
 * Codes already stored are skipped, so a run that stopped can simply be
 * repeated. Exit 0 when every branch has its code, 1 when WeChat failed (the
 * run stops there), 2 when it could not run, 130 when interrupted.
 */
const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string, exitCode: number): never => {
  process.stderr.write(`${line}\n`);
  process.exit(exitCode);
};

function wholeNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    return fail(`--${name} must be a whole number from 1 to ${max}, got "${value}"`, 2);
  return Number(value);
}

function readArgs(): { orgId: string; batchSize: number; concurrency: number } {
  const usage = 'usage: codes:pregenerate <org id> [--batch-size=200] [--concurrency=4]';
  let parsed;
  try {
    parsed = parseArgs({
      options: { 'batch-size': { type: 'string' }, concurrency: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
  const [orgId, ...extra] = parsed.positionals;
  if (!orgId || extra.length > 0 || !/^[0-9a-f-]{36}$/i.test(orgId)) return fail(usage, 2);
  return {
    orgId,
    batchSize: wholeNumber('batch-size', parsed.values['batch-size'], 200, 10_000),
    concurrency: wholeNumber('concurrency', parsed.values.concurrency, 4, 32),
  };
}

function readConfig(): AppConfig {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error), 2);
  }
  if (!config.codes.miniProgram)
    fail('WECHAT_MINIPROGRAM_CODES is not true: branch codes are plain QR codes and there is nothing to make', 2);
  return config;
}

const { orgId, batchSize, concurrency } = readArgs();
const config = readConfig();

// Boot messages would bury the progress lines: warnings only, unless LOG_LEVEL asks for more.
const logger = createLogger(process.env.LOG_LEVEL ? config.log.level : 'warn');
const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, logger), {
  logger: new PinoNestLogger(logger),
});

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write('stopping after the codes in progress…\n');
    controller.abort();
  });
}

const summary = (p: PregenerateProgress) => `${p.done}/${p.total} branches, ${p.made} made, ${p.cached} already stored`;
const seen: { last: PregenerateProgress | null } = { last: null };
try {
  out(`making mini-program codes under org ${orgId}, ${batchSize} branches per batch, ${concurrency} at a time`);
  const report = await app.get(CodesService).pregenerateMiniProgramCodes(orgId, {
    batchSize,
    concurrency,
    signal: controller.signal,
    onBatch: (p) => {
      seen.last = p;
      out(`  ${summary(p)}`);
    },
  });
  if (controller.signal.aborted) {
    out(`interrupted: ${summary(report)}; run codes:pregenerate again to finish`);
    process.exitCode = 130;
  } else {
    out(`done: ${summary(report)}`);
  }
} catch (error) {
  const done = seen.last ? ` after ${summary(seen.last)}` : '';
  if (error instanceof AppException) {
    const details = error.details ? ` ${JSON.stringify(error.details)}` : '';
    process.stderr.write(`stopped${done}: ${error.code} ${error.message}${details}\n`);
    process.stderr.write('codes made so far are kept; run codes:pregenerate again to carry on\n');
    process.exitCode = error.code === 'NOT_FOUND' ? 2 : 1;
  } else {
    process.stderr.write(
      `codes:pregenerate failed${done}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  }
} finally {
  await app.close();
}
