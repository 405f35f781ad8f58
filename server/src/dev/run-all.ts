import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app.factory.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { runMigrations } from '../database/migrate.js';
import { DEMO_MEMBERS } from '../meta/demo-members.js';
import { startStandInWechat } from '../wechat/stand-in/stand-in-wechat.server.js';
import { ensureDatabase, resolveDataDir, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from './seed.js';

/**
 * `pnpm start`: the whole product on one machine for development and demos.
 * PostgreSQL from the embedded-postgres package (unless DATABASE_URL is set),
 * migrations, demo data on an empty database, the stand-in WeChat server, and
 * the API serving the H5 build at `/`.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataRoot = path.resolve(process.env.PIONEER_DATA_DIR ?? path.join(repoRoot, '.data'));

interface DevSecrets {
  postgresPassword: string;
  piiKeys: string;
  piiIndexKey: string;
  wechatAppId: string;
  wechatAppSecret: string;
}

/** Made once and kept, so data encrypted in one run can be read in the next. */
async function devSecrets(): Promise<{ secrets: DevSecrets; fresh: boolean }> {
  const file = path.join(dataRoot, 'dev-secrets.json');
  if (existsSync(file)) return { secrets: JSON.parse(readFileSync(file, 'utf8')) as DevSecrets, fresh: false };
  const secrets: DevSecrets = {
    postgresPassword: randomBytes(16).toString('hex'),
    piiKeys: `dev1:${randomBytes(32).toString('base64')}`,
    piiIndexKey: randomBytes(32).toString('base64'),
    wechatAppId: 'wxdemo0000pioneer',
    wechatAppSecret: randomBytes(16).toString('hex'),
  };
  await fs.mkdir(dataRoot, { recursive: true });
  await fs.writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, fresh: true };
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    process.stderr.write(`${name} must be a port number, got "${raw}"\n`);
    process.exit(1);
  }
  return n;
}

async function main(): Promise<void> {
  const { secrets, fresh } = await devSecrets();
  const host = process.env.HOST ?? '127.0.0.1';
  // The stand-in lets anyone sign in as anyone: it stays on loopback unless asked otherwise.
  const standInHost = process.env.STANDIN_HOST ?? '127.0.0.1';
  const apiPort = intFromEnv('PORT', 3000);
  const standInPort = intFromEnv('STANDIN_PORT', 3901);
  const h5Dir = path.join(repoRoot, 'miniapp', 'dist', 'h5');

  let postgres: RunningPostgres | null = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log('启动内置 PostgreSQL（embedded-postgres）…');
    const wantedDir = path.join(dataRoot, 'postgres');
    const actualDir = await resolveDataDir(wantedDir);
    if (fresh && actualDir !== wantedDir && existsSync(actualDir)) {
      // .data/ was deleted to reset: the database kept elsewhere for this checkout goes with it.
      log(`重置：删除旧的数据库目录 ${actualDir}`);
      await fs.rm(actualDir, { recursive: true, force: true });
    }
    postgres = await startEmbeddedPostgres({
      dataDir: wantedDir,
      port: intFromEnv('PGPORT', 54329),
      password: secrets.postgresPassword,
    });
    await ensureDatabase(postgres.url('postgres'), 'pioneer');
    databaseUrl = postgres.url('pioneer');
    log(`PostgreSQL 数据目录：${postgres.dataDir}`);
  }

  const applied = await runMigrations(databaseUrl);
  log(applied.length > 0 ? `已执行数据库迁移：${applied.join(', ')}` : '数据库结构已是最新');

  const standIn = await startStandInWechat({
    port: standInPort,
    host: standInHost,
    appId: secrets.wechatAppId,
    appSecret: secrets.wechatAppSecret,
  });

  let config;
  try {
    config = loadConfig({
      ...process.env,
      APP_ENV: 'development',
      DATABASE_URL: databaseUrl,
      HOST: host,
      PORT: String(apiPort),
      WECHAT_API_BASE: standIn.url,
      WECHAT_APP_ID: secrets.wechatAppId,
      WECHAT_APP_SECRET: secrets.wechatAppSecret,
      PII_KEYS: process.env.PII_KEYS ?? secrets.piiKeys,
      PII_INDEX_KEY: process.env.PII_INDEX_KEY ?? secrets.piiIndexKey,
      H5_DIST_DIR: existsSync(path.join(h5Dir, 'index.html')) ? h5Dir : '',
      DEV_LOGIN_STANDIN_URL: standIn.url,
      // Subscribe messages go to the stand-in, which takes any template id; real ids come from the WeChat console.
      WECHAT_TEMPLATE_FLOW_TODO: process.env.WECHAT_TEMPLATE_FLOW_TODO ?? 'devFlowTodoTemplate0001',
      WECHAT_TEMPLATE_FLOW_NOTICE: process.env.WECHAT_TEMPLATE_FLOW_NOTICE ?? 'devFlowNoticeTemplate0001',
      WECHAT_TEMPLATE_STUDY_PACK: process.env.WECHAT_TEMPLATE_STUDY_PACK ?? 'devStudyPackTemplate0001',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const { app } = await createApp(config);
  // Modules declare their job queues on init; seeding publishes a study pack, so initialise first.
  await app.init();
  log('检查演示数据…');
  const seeded = await seedDemoData(app);
  await app.listen(apiPort, host);
  const base = `http://${host}:${apiPort}`;

  const lines = [
    '',
    '流动先锋 已启动',
    `  H5 应用        ${base}/${config.h5DistDir ? '' : '（未找到 H5 构建，请先运行 pnpm build）'}`,
    `  API 文档       ${base}/api/docs`,
    `  健康检查       ${base}/api/health`,
    `  微信模拟服务   ${standIn.url}`,
    `  小程序构建     ${path.join(repoRoot, 'miniapp', 'dist', 'weapp')}（用微信开发者工具导入 miniapp/ 目录）`,
    seeded.seeded
      ? `  已写入演示数据：修武县 10 个乡镇、100 个村党支部，${seeded.members} 名党员、${seeded.flows} 条流动记录`
      : '  数据库已有数据，未重复写入演示数据',
    '',
    '演示账号（工作人员用户名 / 密码）：',
    ...DEMO_STAFF.map((s) => `  ${s.username.padEnd(8)} / ${DEMO_PASSWORD}   ${s.displayName}`),
    '演示党员（H5 登录页点“演示登录”）：',
    `  ${DEMO_MEMBERS.map((m) => m.displayName).join('、')}`,
    '',
    '按 Ctrl+C 停止。',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止…`);
    await app.close();
    await standIn.close();
    await postgres?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function log(message: string): void {
  process.stdout.write(`[pioneer] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
