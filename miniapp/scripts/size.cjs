// Prints the size of each WeChat package in dist/weapp and fails when the main package is over 1 MB.
// WeChat caps every package at 2 MB; the 1 MB budget keeps a member's first load fast on a weak signal.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', 'dist', 'weapp');
const MAIN_BUDGET_BYTES = 1024 * 1024;
const PACKAGE_CAP_BYTES = 2 * 1024 * 1024;
// Files the WeChat tools do not upload as package content.
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function readSubpackageRoots() {
  const appJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
  return (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/+$/, ''));
}

if (!fs.existsSync(path.join(ROOT, 'app.json'))) {
  console.error(`No weapp build at ${path.relative(process.cwd(), ROOT)}: run the build first.`);
  process.exit(2);
}

const subRoots = readSubpackageRoots();
const totals = new Map([['(main)', 0], ...subRoots.map((root) => [root, 0])]);
for (const file of filesUnder(ROOT)) {
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  if (NOT_UPLOADED.has(relative) || relative.endsWith('.map')) continue;
  const owner = subRoots.find((root) => relative === root || relative.startsWith(`${root}/`)) ?? '(main)';
  totals.set(owner, totals.get(owner) + fs.statSync(file).size);
}

const width = Math.max(...[...totals.keys()].map((name) => name.length));
let total = 0;
for (const [name, bytes] of totals) {
  total += bytes;
  console.log(`${name.padEnd(width)}  ${formatBytes(bytes).padStart(10)}`);
}
console.log(`${'total'.padEnd(width)}  ${formatBytes(total).padStart(10)}`);

const main = totals.get('(main)');
const overCap = [...totals].filter(([, bytes]) => bytes > PACKAGE_CAP_BYTES).map(([name]) => name);
if (overCap.length > 0) {
  console.error(`Over WeChat's 2 MB package cap: ${overCap.join(', ')}`);
  process.exit(1);
}
if (main > MAIN_BUDGET_BYTES) {
  console.error(`Main package is ${formatBytes(main)}, over the 1 MB budget.`);
  process.exit(1);
}
console.log(`Main package within the 1 MB budget (${((main / MAIN_BUDGET_BYTES) * 100).toFixed(0)}% used).`);
