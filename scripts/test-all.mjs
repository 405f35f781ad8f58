#!/usr/bin/env node
// The README's test command: builds what the tests need, runs every suite, and
// ends with one plain line totalling them all: "N passed, N failed, N skipped".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const pnpm = process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath) ? process.env.npm_execpath : null;

function run(label, command, args, options = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...options.env },
      ...options,
    });
    child.on('close', (code) => {
      process.stdout.write(
        `=== ${label}: ${code === 0 ? 'ok' : `exit ${code}`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`,
      );
      resolve(code ?? 1);
    });
  });
}

/** The pnpm that runs this script: a JS entry point or, from pnpm 12, a native executable. */
function pnpmArgs(args) {
  if (!pnpm) return ['pnpm', args];
  return /\.[cm]?js$/.test(pnpm) ? [process.execPath, [pnpm, ...args]] : [pnpm, args];
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

async function jestSuite(label, pkg, script, extra = []) {
  const out = path.join(resultsDir, `${label.replace(/\W+/g, '-')}.json`);
  const [cmd, args] = pnpmArgs(['--filter', pkg, 'run', script, '--json', `--outputFile=${out}`, ...extra]);
  const code = await run(label, cmd, args);
  if (!existsSync(out)) {
    failures.push(`${label}: the test runner did not finish (exit ${code})`);
    totals.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  if (r.numFailedTests > 0 || r.numRuntimeErrorTestSuites > 0 || code !== 0) {
    if (r.numRuntimeErrorTestSuites > 0) totals.failed += r.numRuntimeErrorTestSuites;
    failures.push(
      `${label}: ${r.numFailedTests} failed, ${r.numRuntimeErrorTestSuites} suites did not run (exit ${code})`,
    );
  }
  process.stdout.write(
    `${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped\n`,
  );
}

const buildSteps = [
  ['build shared', ['--filter', '@pioneer/shared', 'run', 'build']],
  ['build server', ['--filter', '@pioneer/server', 'run', 'build']],
  ['build miniapp (H5)', ['--filter', '@pioneer/miniapp', 'run', 'build:h5']],
  ['build miniapp (weapp)', ['--filter', '@pioneer/miniapp', 'run', 'build:weapp']],
];
for (const [label, args] of buildSteps) {
  const [cmd, a] = pnpmArgs(args);
  if ((await run(label, cmd, a)) !== 0) {
    process.stdout.write(`\n${label} failed: no tests were run.\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}

/** A check that is not a jest suite still counts as one test in the total. */
async function check(label, args) {
  const [cmd, a] = pnpmArgs(args);
  if ((await run(label, cmd, a)) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

await check('weapp main package within 1 MB', ['--filter', '@pioneer/miniapp', 'run', 'size']);
// The builds compile without type checking (swc, babel): a type error in a test or a page only shows here.
await check('typecheck (shared, server, miniapp)', ['-r', 'run', 'typecheck']);
await jestSuite('shared unit', '@pioneer/shared', 'test');
await jestSuite('server unit', '@pioneer/server', 'test:unit');
await jestSuite('server e2e', '@pioneer/server', 'test:e2e:run');
await jestSuite('miniapp components', '@pioneer/miniapp', 'test');

const chromium = findChromium();
if (chromium) {
  process.env.CHROMIUM_PATH = chromium;
  await jestSuite('browser (H5 in Chromium)', '@pioneer/server', 'test:browser');
} else if (process.env.REQUIRE_BROWSER_TESTS === '1') {
  failures.push('browser: Chromium not found (set CHROMIUM_PATH or install chromium) and REQUIRE_BROWSER_TESTS=1');
  totals.failed += 1;
} else {
  process.stdout.write('\nSKIPPED browser tests: Chromium not found (set CHROMIUM_PATH or put chromium on the PATH)\n');
}

process.stdout.write('\n');
for (const f of failures) process.stdout.write(`FAILED ${f}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 || failures.length > 0 ? 1 : 0);
