import { verifyAuditChain } from './verify-audit-chain.js';

/**
 * `pnpm audit:verify`: checks the audit hash chain of the database at
 * DATABASE_URL. Exit 0 when it is intact, 1 when it is broken, 2 when it
 * could not be checked at all.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}

try {
  const report = await verifyAuditChain(url);
  if (report.ok) {
    process.stdout.write(`audit chain ok: ${report.checked} events\n`);
  } else {
    process.stdout.write(`audit chain BROKEN at event ${report.firstBadId}: ${report.problem}\n`);
    process.exitCode = 1;
  }
} catch (err) {
  process.stderr.write(`audit chain could not be checked: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
