import { ConfigError, loadRekeyConfig } from '../../config/load-config.js';
import { rekeyPii } from './pii-rekey.js';

/**
 * `pnpm --filter @pioneer/server pii:rekey`: after a new key has been put
 * first in PII_KEYS (and the API restarted with it), re-encrypts every value
 * still written under an older key. Reads DATABASE_URL, PII_KEYS and
 * optionally PII_REKEY_BATCH_SIZE (rows per transaction, default 1000).
 * Ctrl+C stops after the batch in progress; run it again to finish.
 * Exit 0 when every value is under the current key, 1 when some value could
 * not be read with any key, 2 when it could not run, 130 when interrupted.
 */
const out = (line: string) => process.stdout.write(`${line}\n`);

let config;
try {
  config = loadRekeyConfig(process.env);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(2);
}

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write('stopping after the batch in progress…\n');
    controller.abort();
  });
}

try {
  out(`re-encrypting personal data under key ${config.piiKeys[0].id}, ${config.batchSize} rows per transaction`);
  const report = await rekeyPii(config.databaseUrl, config.piiKeys, {
    batchSize: config.batchSize,
    signal: controller.signal,
    onProgress: (t) =>
      out(
        `  ${t.table}: ${t.values} values in ${t.rows} rows so far${t.unreadable ? `, ${t.unreadable} unreadable` : ''}`,
      ),
  });
  for (const t of report.tables) out(`${t.table} (${t.columns.join(', ')}): ${t.values} values in ${t.rows} rows`);
  out(
    `${report.interrupted ? 'interrupted' : 'done'}: ${report.values} values in ${report.rows} rows re-encrypted ` +
      `under key ${report.currentKeyId}, ${report.unreadable} unreadable`,
  );
  for (const u of report.unreadableAt) out(`  unreadable: ${u.table}.${u.column} at ${JSON.stringify(u.key)}`);
  if (report.interrupted) {
    out('run pii:rekey again to finish');
    process.exitCode = 130;
  } else if (report.unreadable > 0) {
    out('some values are under no key of PII_KEYS: keep the old keys in the ring until they are explained');
    process.exitCode = 1;
  }
} catch (err) {
  process.stderr.write(`pii rekey failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
