import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { FlowRoutes } from '@pioneer/shared';
import { FieldCipher } from '../src/common/crypto/field-cipher.js';
import { findCipherTables, rekeyPii, type CipherTable, type RekeyTableReport } from '../src/common/crypto/pii-rekey.js';
import type { PiiKey } from '../src/config/app-config.js';
import { withSql } from './support/database.js';
import { createMember, createWorld, memberToken } from './support/factories.js';
import { phoneCodeFor, startTestApp, type TestApp } from './support/test-app.js';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/common/crypto/pii-rekey-cli.js');

/** One stored value: where it is and what it holds. */
interface Stored {
  at: string;
  value: string;
}

describe('pii:rekey: re-encrypting personal data after a key rotation', () => {
  let t: TestApp;
  let tables: CipherTable[];
  const key1: PiiKey = { id: 't1', key: randomBytes(32) };
  const key2: PiiKey = { id: 't2', key: randomBytes(32) };
  const ring = [key2, key1];
  const env = (keys: PiiKey[]) => keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  /** Plaintext of every value as written under key 1, by location. */
  let before: Map<string, string>;
  let indexesBefore: string;

  /** Every `*_cipher` value in the database, in a stable order. */
  async function allCiphers(): Promise<Stored[]> {
    return withSql(t.databaseUrl, async (c) => {
      const found: Stored[] = [];
      for (const table of tables) {
        const order = table.key.map((k) => `"${k}"`).join(', ');
        const { rows } = await c.query<Record<string, unknown>>(`SELECT * FROM "${table.table}" ORDER BY ${order}`);
        for (const row of rows) {
          const id = table.key.map((k) => String(row[k])).join('/');
          for (const column of table.columns) {
            const value = row[column];
            if (typeof value === 'string') found.push({ at: `${table.table}.${column}:${id}`, value });
          }
        }
      }
      return found;
    });
  }

  const blindIndexes = () =>
    withSql(t.databaseUrl, async (c) =>
      JSON.stringify([
        (await c.query('SELECT id, name_index, id_number_index, name_id6_index, phone_index FROM members ORDER BY id'))
          .rows,
        (await c.query('SELECT id, phone_index FROM accounts ORDER BY id')).rows,
      ]),
    );

  beforeAll(async () => {
    // The API writes under key 1 only, as before the operator added key 2.
    t = await startTestApp({ PII_KEYS: env([key1]), THROTTLE_LIMIT: '100000' });
    const w = await createWorld(t.app);
    for (let i = 0; i < 7; i += 1) await createMember(t.app, i % 2 ? w.branchA1 : w.branchB);
    const traveller = await createMember(t.app, w.branchA1, { residence: '河南省焦作市修武县五里源乡东风村' });
    const token = await memberToken(t, traveller.member);
    const report = await request(t.url).post(FlowRoutes.report).set('authorization', `Bearer ${token}`).send({
      destinationAddress: '上海市闵行区七宝镇新镇路 100 弄 8 号',
      industry: '建筑业',
      occupation: '施工员',
      employer: '上海宏远建设工程有限公司',
      expectedFrom: '2026-03-01',
      expectedUntil: '2026-12-31',
    });
    expect(report.status).toBe(201);
    const phone = await request(t.url)
      .post('/api/auth/wechat/phone')
      .set('authorization', `Bearer ${token}`)
      .send({ code: await phoneCodeFor(t.standInUrl, '13812345678') });
    expect(phone.status).toBe(200);

    // A table keyed by two columns, as a signing-key table might be: the walk pages on any primary key.
    await withSql(t.databaseUrl, async (c) => {
      await c.query(`CREATE TABLE rekey_probe (purpose text, version int, secret_cipher text NOT NULL,
                                               PRIMARY KEY (purpose, version))`);
      const cipher = new FieldCipher([key1]);
      for (const [purpose, version] of [
        ['branch', 1],
        ['branch', 2],
        ['branch', 10],
        ['personal', 1],
      ] as const)
        await c.query('INSERT INTO rekey_probe VALUES ($1, $2, $3)', [
          purpose,
          version,
          cipher.encrypt(`秘钥${version}`),
        ]);
    });
    tables = await withSql(t.databaseUrl, (c) => findCipherTables(c));
    const old = new FieldCipher([key1]);
    before = new Map((await allCiphers()).map((s) => [s.at, old.decrypt(s.value)]));
    indexesBefore = await blindIndexes();
  });
  afterAll(() => t.close());

  it('finds every encrypted column, members, flows and accounts among them', () => {
    const columns = tables.flatMap((tb) => tb.columns.map((c) => `${tb.table}.${c}`));
    expect(columns).toEqual(
      expect.arrayContaining([
        'accounts.phone_cipher',
        'flows.destination_address_cipher',
        'members.name_cipher',
        'members.id_number_cipher',
        'members.phone_cipher',
        'members.residence_cipher',
      ]),
    );
    expect(tables.find((tb) => tb.table === 'members')?.key).toEqual(['id']);
    expect(tables.find((tb) => tb.table === 'rekey_probe')?.key).toEqual(['purpose', 'version']);
    expect([...before.keys()].some((at) => at.startsWith('accounts.phone_cipher'))).toBe(true);
    expect([...before.keys()].some((at) => at.startsWith('flows.destination_address_cipher'))).toBe(true);
  });

  it('stops after the batch in progress when interrupted, leaving every value readable', async () => {
    const stop = new AbortController();
    const report = await rekeyPii(t.databaseUrl, ring, {
      batchSize: 2,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(report.interrupted).toBe(true);
    // One batch of at most two rows, committed.
    expect(report.rows).toBeGreaterThan(0);
    expect(report.rows).toBeLessThanOrEqual(2);
    const stored = await allCiphers();
    const rotated = stored.filter((s) => s.value.startsWith('t2.'));
    expect(rotated.length).toBe(report.values);
    expect(stored.length - rotated.length).toBeGreaterThan(0);
    const both = new FieldCipher(ring);
    for (const s of stored)
      expect({ at: s.at, plain: both.decrypt(s.value) }).toEqual({ at: s.at, plain: before.get(s.at) });
  });

  it('re-encrypts every remaining value under key 2, in batches, to the same plaintext', async () => {
    const progress: RekeyTableReport[] = [];
    const report = await rekeyPii(t.databaseUrl, ring, { batchSize: 2, onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ currentKeyId: 't2', interrupted: false, unreadable: 0 });
    expect(progress.filter((p) => p.table === 'members').length).toBeGreaterThan(2);

    const stored = await allCiphers();
    expect(stored.map((s) => s.at).sort()).toEqual([...before.keys()].sort());
    // Key 2 alone reads everything: key 1 could now leave the ring.
    const onlyKey2 = new FieldCipher([key2]);
    for (const s of stored) {
      expect({ at: s.at, key: s.value.split('.')[0] }).toEqual({ at: s.at, key: 't2' });
      expect({ at: s.at, plain: onlyKey2.decrypt(s.value) }).toEqual({ at: s.at, plain: before.get(s.at) });
    }
    expect(await blindIndexes()).toBe(indexesBefore);
  });

  it('changes nothing when run again, from the command line too', async () => {
    const snapshot = await allCiphers();
    const report = await rekeyPii(t.databaseUrl, ring, { batchSize: 2 });
    expect(report).toMatchObject({ rows: 0, values: 0, unreadable: 0, interrupted: false });
    const { stdout } = await promisify(execFile)(process.execPath, [CLI], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.databaseUrl, PII_KEYS: env(ring), PII_REKEY_BATCH_SIZE: '2' },
    });
    expect(stdout).toContain('re-encrypting personal data under key t2, 2 rows per transaction');
    expect(stdout).toContain('done: 0 values in 0 rows re-encrypted under key t2, 0 unreadable');
    expect(await allCiphers()).toEqual(snapshot);
  });

  it('lists a value no key can read, leaves it alone and exits 1 from the command line', async () => {
    const [row] = await withSql(t.databaseUrl, async (c) => (await c.query('SELECT id FROM members LIMIT 1')).rows);
    const foreign = new FieldCipher([{ id: 'gone', key: randomBytes(32) }]).encrypt('上海市');
    await withSql(t.databaseUrl, (c) =>
      c.query('UPDATE members SET residence_cipher = $2 WHERE id = $1', [row.id, foreign]),
    );
    const run = promisify(execFile)(process.execPath, [CLI], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.databaseUrl, PII_KEYS: env(ring) },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`unreadable: members.residence_cipher at {"id":"${row.id}"}`),
    });
    const report = await rekeyPii(t.databaseUrl, ring);
    expect(report).toMatchObject({ values: 0, unreadable: 1 });
    expect(report.unreadableAt).toEqual([{ table: 'members', key: { id: row.id }, column: 'residence_cipher' }]);
    const [after] = await withSql(
      t.databaseUrl,
      async (c) => (await c.query('SELECT residence_cipher FROM members WHERE id = $1', [row.id])).rows,
    );
    expect(after.residence_cipher).toBe(foreign);
  });
});
