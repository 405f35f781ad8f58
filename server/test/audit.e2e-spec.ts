import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditRoutes, ErrorCode, type AuditEventView, type Role } from '@pioneer/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService, type AuditEntry } from '../src/audit/audit.service.js';
import { verifyAuditChain } from '../src/audit/verify-audit-chain.js';
import { withSql } from './support/database.js';
import { createStaff } from './support/factories.js';
import { loginCodeFor, startTestApp, type TestApp } from './support/test-app.js';

const verifyCli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'audit', 'verify-cli.js');

/** Runs the compiled `audit:verify` CLI as an operator would. */
function runVerifyCli(databaseUrl: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [verifyCli], { env: { ...process.env, DATABASE_URL: databaseUrl } }, (err, stdout) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout });
    });
  });
}

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: 'member.reveal',
    result: 'ok',
    actorAccountId: randomUUID(),
    actorKind: 'staff',
    targetType: 'member',
    targetId: randomUUID(),
    details: { fields: ['idNumber'] },
    ...overrides,
  };
}

describe('audit log', () => {
  let t: TestApp;
  let audit: AuditService;

  async function staffLogin(username: string, password: string): Promise<request.Response> {
    return request(t.url).post('/api/auth/staff/login').send({ username, password });
  }

  async function tokenFor(roles: Role[], grantOrgId?: string): Promise<string> {
    const staff = await createStaff(t.app, grantOrgId ? [] : roles);
    if (grantOrgId) {
      await withSql(t.databaseUrl, async (c) => {
        for (const role of roles) {
          await c.query(`INSERT INTO role_grants (account_id, role, org_id) VALUES ($1, $2, $3)`, [
            staff.accountId,
            role,
            grantOrgId,
          ]);
        }
      });
    }
    const res = await staffLogin(staff.username, staff.password);
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  }

  async function eventCount(): Promise<number> {
    return withSql(t.databaseUrl, async (c) =>
      Number((await c.query('SELECT count(*) AS n FROM audit_events')).rows[0].n),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    audit = t.app.get(AuditService);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('sign-in', () => {
    it('records successful, failed and unknown-user staff sign-ins and WeChat sign-ins', async () => {
      const staff = await createStaff(t.app);
      expect((await staffLogin(staff.username, 'Wrong-Password-1')).status).toBe(401);
      expect((await staffLogin(staff.username, staff.password)).status).toBe(200);
      expect((await staffLogin('nobody-at-all', 'Whatever-123')).status).toBe(401);
      const code = await loginCodeFor(t.standInUrl, 'o-audit-member');
      const wechat = await request(t.url).post('/api/auth/wechat/login').send({ code });
      expect(wechat.status).toBe(200);

      const rows = await withSql(t.databaseUrl, async (c) => {
        const r = await c.query(
          `SELECT action, result, actor_kind, actor_account_id, target_id, client_ip, details FROM audit_events ORDER BY id`,
        );
        return r.rows;
      });
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'auth.login_failed',
            result: 'failed',
            actor_kind: 'anonymous',
            actor_account_id: null,
            target_id: staff.accountId,
            details: { method: 'password', username: staff.username, attemptsLeft: 4 },
          }),
          expect.objectContaining({
            action: 'auth.login',
            result: 'ok',
            actor_kind: 'staff',
            actor_account_id: staff.accountId,
            details: { method: 'password', username: staff.username },
          }),
          expect.objectContaining({
            action: 'auth.login_failed',
            result: 'failed',
            target_id: null,
            details: { method: 'password', username: 'nobody-at-all' },
          }),
          expect.objectContaining({
            action: 'auth.login',
            result: 'ok',
            actor_kind: 'member',
            actor_account_id: wechat.body.account.id,
            details: { method: 'wechat' },
          }),
        ]),
      );
      expect(rows.every((r) => typeof r.client_ip === 'string')).toBe(true);
    });

    it('records sign-in attempts on a locked account as denied', async () => {
      const staff = await createStaff(t.app);
      for (let i = 0; i < 5; i++) await staffLogin(staff.username, 'Wrong-Password-1');
      expect((await staffLogin(staff.username, staff.password)).status).toBe(423);
      const results = await withSql(t.databaseUrl, async (c) => {
        const r = await c.query(`SELECT result FROM audit_events WHERE target_id = $1 ORDER BY id`, [staff.accountId]);
        return r.rows.map((row: { result: string }) => row.result);
      });
      expect(results).toEqual(['failed', 'failed', 'failed', 'failed', 'denied', 'denied']);
    });
  });

  describe('verification', () => {
    it('finds the chain intact after sign-ins, and the CLI says so with exit code 0', async () => {
      const n = await eventCount();
      expect(n).toBeGreaterThanOrEqual(10);
      await expect(verifyAuditChain(t.databaseUrl)).resolves.toEqual({ ok: true, checked: n });
      await expect(verifyAuditChain(t.app.get(DataSource), { batchSize: 3 })).resolves.toEqual({
        ok: true,
        checked: n,
      });
      const cli = await runVerifyCli(t.databaseUrl);
      expect(cli).toEqual({ code: 0, stdout: `audit chain ok: ${n} events\n` });
    });

    it('names the event a superuser altered behind the trigger, and the CLI exits 1', async () => {
      const id = await withSql(t.databaseUrl, async (c) => {
        const { rows } = await c.query(`SELECT id FROM audit_events ORDER BY id OFFSET 3 LIMIT 1`);
        await c.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
        await c.query(`UPDATE audit_events SET result = 'denied' WHERE id = $1`, [rows[0].id]);
        await c.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
        return rows[0].id as string;
      });
      await expect(verifyAuditChain(t.databaseUrl, { batchSize: 2 })).resolves.toEqual({
        ok: false,
        checked: 4,
        firstBadId: id,
        problem: expect.stringContaining('altered'),
      });
      const cli = await runVerifyCli(t.databaseUrl);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(new RegExp(`^audit chain BROKEN at event ${id}: `));

      await withSql(t.databaseUrl, async (c) => {
        await c.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
        await c.query(`UPDATE audit_events SET result = 'ok' WHERE id = $1`, [id]);
        await c.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
      });
      expect((await verifyAuditChain(t.databaseUrl)).ok).toBe(true);
    });

    it('notices an event removed from the middle of the chain', async () => {
      const { removed, next } = await withSql(t.databaseUrl, async (c) => {
        const { rows } = await c.query(`SELECT id FROM audit_events ORDER BY id OFFSET 2 LIMIT 2`);
        await c.query('CREATE TEMP TABLE kept AS SELECT * FROM audit_events WHERE id = $1', [rows[0].id]);
        await c.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
        await c.query('DELETE FROM audit_events WHERE id = $1', [rows[0].id]);
        await c.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
        const report = await verifyAuditChain(t.databaseUrl);
        expect(report).toMatchObject({
          ok: false,
          firstBadId: rows[1].id,
          problem: expect.stringContaining('prev_hash'),
        });
        await c.query('INSERT INTO audit_events SELECT * FROM kept');
        return { removed: rows[0].id as string, next: rows[1].id as string };
      });
      expect(removed).not.toBe(next);
      expect((await verifyAuditChain(t.databaseUrl)).ok).toBe(true);
    });
  });

  describe('the append-only trigger', () => {
    it('refuses a plain UPDATE, DELETE or TRUNCATE', async () => {
      await withSql(t.databaseUrl, async (c) => {
        await expect(c.query(`UPDATE audit_events SET result = 'failed'`)).rejects.toThrow(/append-only: UPDATE/);
        await expect(c.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE/);
        await expect(c.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE/);
      });
      expect((await verifyAuditChain(t.databaseUrl)).ok).toBe(true);
    });
  });

  describe(AuditService.name, () => {
    it('keeps one unbroken chain when 20 audited writes run at once', async () => {
      const before = await eventCount();
      const db = t.app.get(DataSource);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0 ? audit.record(entry()) : db.transaction((m) => audit.record(entry(), m)),
        ),
      );
      expect(await eventCount()).toBe(before + 20);
      const forks = await withSql(t.databaseUrl, async (c) => {
        const { rows } = await c.query(`SELECT count(*) - count(DISTINCT prev_hash) AS forks FROM audit_events`);
        return Number(rows[0].forks);
      });
      expect(forks).toBe(0);
      await expect(verifyAuditChain(t.databaseUrl)).resolves.toEqual({ ok: true, checked: before + 20 });
    });

    it('rolls the event back with the transaction of the change it audits', async () => {
      const db = t.app.get(DataSource);
      const e = entry();
      await expect(
        db.transaction(async (m) => {
          await audit.record(e, m);
          throw new Error('the audited change failed');
        }),
      ).rejects.toThrow('the audited change failed');
      const found = await withSql(t.databaseUrl, async (c) => {
        return (await c.query(`SELECT 1 FROM audit_events WHERE target_id = $1`, [e.targetId])).rowCount;
      });
      expect(found).toBe(0);
      await audit.record(entry());
      expect((await verifyAuditChain(t.databaseUrl)).ok).toBe(true);
    });

    it('refuses a manager that is not inside a transaction', async () => {
      await expect(audit.record(entry(), t.app.get(DataSource).manager)).rejects.toThrow('outside a transaction');
    });

    it('masks a phone or ID number a caller passed in clear', async () => {
      const e = entry({ details: { phone: '13812345678' } });
      await audit.record(e);
      const details = await withSql(t.databaseUrl, async (c) => {
        return (await c.query(`SELECT details FROM audit_events WHERE target_id = $1`, [e.targetId])).rows[0].details;
      });
      expect(details).toEqual({ phone: '138****5678' });
    });
  });

  describe(`GET ${AuditRoutes.list}`, () => {
    const province = randomUUID();
    const countyA = randomUUID();
    const townA1 = randomUUID();
    const countyB = randomUUID();
    const paths = {
      province: `/${province}/`,
      countyA: `/${province}/${countyA}/`,
      townA1: `/${province}/${countyA}/${townA1}/`,
      countyB: `/${province}/${countyB}/`,
    };
    const targets = { countyA: randomUUID(), townA1: randomUUID(), countyB: randomUUID(), none: randomUUID() };

    async function list(token: string, query: Record<string, string | number> = {}): Promise<request.Response> {
      return request(t.url).get(AuditRoutes.list).query(query).set('authorization', `Bearer ${token}`);
    }

    function targetsOf(items: AuditEventView[]): string[] {
      const ours = new Set<string | null>(Object.values(targets));
      return items.map((i) => i.targetId).filter((id): id is string => ours.has(id));
    }

    beforeAll(async () => {
      await withSql(t.databaseUrl, async (c) => {
        const insert = `INSERT INTO orgs (id, parent_id, path, depth, level, name) VALUES ($1, $2, $3, $4, $5, $6)`;
        await c.query(insert, [province, null, paths.province, 0, 'province', '河南省']);
        await c.query(insert, [countyA, province, paths.countyA, 1, 'county', '修武县']);
        await c.query(insert, [townA1, countyA, paths.townA1, 2, 'township', '城关镇']);
        await c.query(insert, [countyB, province, paths.countyB, 1, 'county', '武陟县']);
      });
      await audit.record(entry({ orgPath: paths.countyA, targetId: targets.countyA }));
      await audit.record(entry({ orgPath: paths.townA1, targetId: targets.townA1, action: 'member.update' }));
      await audit.record(entry({ orgPath: paths.countyB, targetId: targets.countyB }));
      await audit.record(entry({ orgPath: null, targetId: targets.none }));
    });

    it('refuses a branch secretary, even of the same county, and a member with FORBIDDEN', async () => {
      const secretary = await tokenFor(['branch_secretary'], countyA);
      const code = await loginCodeFor(t.standInUrl, 'o-audit-reader');
      const member = (await request(t.url).post('/api/auth/wechat/login').send({ code })).body.accessToken as string;
      for (const token of [secretary, member]) {
        const res = await list(token);
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ code: ErrorCode.FORBIDDEN, message: expect.any(String) });
      }
    });

    it('refuses a request without a session', async () => {
      expect((await request(t.url).get(AuditRoutes.list)).status).toBe(401);
    });

    it('shows a system admin every event, newest first', async () => {
      const res = await list(await tokenFor(['system_admin']), { limit: 100 });
      expect(res.status).toBe(200);
      const items = res.body.items as AuditEventView[];
      expect(targetsOf(items)).toEqual([targets.none, targets.countyB, targets.townA1, targets.countyA]);
      const ids = items.map((i) => BigInt(i.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
      expect(items.find((i) => i.targetId === targets.townA1)).toMatchObject({
        action: 'member.update',
        result: 'ok',
        actorKind: 'staff',
        orgId: townA1,
        details: { fields: ['idNumber'] },
      });
      expect(new Date(items[0].at).toISOString()).toBe(items[0].at);
    });

    it('shows an org admin only the events of their own subtree', async () => {
      const admin = await tokenFor(['org_admin'], countyA);
      const res = await list(admin, { limit: 100 });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeUndefined();
      const items = res.body.items as AuditEventView[];
      expect(items.map((i) => i.targetId)).toEqual([targets.townA1, targets.countyA]);
      expect(items.map((i) => i.orgId)).toEqual([townA1, countyA]);
    });

    it('narrows an org admin to one org inside their subtree, and by action', async () => {
      const admin = await tokenFor(['org_admin'], countyA);
      const town = await list(admin, { orgId: townA1 });
      expect(town.body.items.map((i: AuditEventView) => i.targetId)).toEqual([targets.townA1]);
      const reveals = await list(admin, { action: 'member.reveal' });
      expect(reveals.body.items.map((i: AuditEventView) => i.targetId)).toEqual([targets.countyA]);
    });

    it('refuses an org admin an org outside their subtree, or one that does not exist, alike', async () => {
      const admin = await tokenFor(['org_admin'], countyA);
      for (const orgId of [countyB, province, randomUUID()]) {
        const res = await list(admin, { orgId });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(ErrorCode.FORBIDDEN);
      }
    });

    it('pages by cursor with no gaps and no repeats', async () => {
      const token = await tokenFor(['system_admin']);
      const all = (await list(token, { limit: 100 })).body.items.map((i: AuditEventView) => i.id);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await list(token, cursor ? { limit: 7, cursor } : { limit: 7 });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(7);
        paged.push(...res.body.items.map((i: AuditEventView) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(all.length).toBeGreaterThan(7);
      expect(all.length).toBeLessThan(100);
      expect(paged).toEqual(all);
    });

    it('answers 50 events when no limit is given', async () => {
      for (let i = 0; i < 55; i++) await audit.record(entry());
      const res = await list(await tokenFor(['system_admin']));
      expect(res.body.items).toHaveLength(50);
      expect(res.body.nextCursor).toBe(res.body.items[49].id);
    });

    it.each([
      [{ unexpected: 'x' }, ErrorCode.UNKNOWN_FIELD],
      [{ limit: 0 }, ErrorCode.VALIDATION_FAILED],
      [{ limit: 101 }, ErrorCode.VALIDATION_FAILED],
      [{ limit: 'ten' }, ErrorCode.VALIDATION_FAILED],
      [{ cursor: 'abc' }, ErrorCode.VALIDATION_FAILED],
      [{ action: 'member.delete' }, ErrorCode.VALIDATION_FAILED],
      [{ orgId: 'not-a-uuid' }, ErrorCode.VALIDATION_FAILED],
    ])('refuses the query %j with %s', async (query, code) => {
      const res = await list(await tokenFor(['system_admin']), query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    });
  });
});
