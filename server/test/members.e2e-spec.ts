import request from 'supertest';
import { ErrorCode } from '@pioneer/shared';
import { withSql } from './support/database.js';
import {
  createMember,
  createStaff,
  createWorld,
  fakeIdNumber,
  memberToken,
  staffToken,
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('members and their scope', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let a1: MemberFixture;
  let b: MemberFixture;
  let tokens: Record<'secA1' | 'secA2' | 'adminA' | 'adminB' | 'committeeA1' | 'staffA' | 'sysadmin', string>;

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t.app);
    a1 = await createMember(t.app, w.branchA1, { name: '张伟' });
    b = await createMember(t.app, w.branchB, { name: '李娜' });
    tokens = {
      secA1: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA1.id)),
      secA2: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA2.id)),
      adminA: await staffToken(t, await createStaff(t.app, ['org_admin'], w.countyA.id)),
      adminB: await staffToken(t, await createStaff(t.app, ['org_admin'], w.countyB.id)),
      committeeA1: await staffToken(t, await createStaff(t.app, ['branch_committee'], w.branchA1.id)),
      staffA: await staffToken(t, await createStaff(t.app, ['community_staff'], w.countyA.id)),
      sysadmin: await staffToken(t, await createStaff(t.app, ['system_admin'])),
    };
  });
  afterAll(() => t.close());

  describe('POST /api/members', () => {
    it('lets the branch secretary register a member, answering with masked ID and phone', async () => {
      const idNumber = fakeIdNumber('19900101');
      const res = await post(tokens.secA1, '/api/members', {
        branchId: w.branchA1.id,
        name: '王强',
        idNumber,
        phone: '13712345678',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        side: 'sending',
        name: '王强',
        phoneMasked: '137****5678',
        birthDate: '1990-01-01',
        branchName: '东风村党支部',
      });
      expect(res.body.idNumberMasked).not.toContain(idNumber.slice(2, 16));
    });

    it('stores name, ID number and phone unreadable without the key', async () => {
      const idNumber = fakeIdNumber();
      await post(tokens.secA1, '/api/members', {
        branchId: w.branchA1.id,
        name: '赵敏',
        idNumber,
        phone: '13600001111',
      });
      const dump = await withSql(t.databaseUrl, async (c) =>
        JSON.stringify((await c.query('SELECT * FROM members')).rows),
      );
      for (const secret of ['赵敏', idNumber, '13600001111']) expect(dump).not.toContain(secret);
    });

    it('refuses a duplicate ID number with MEMBER_DUPLICATE_ID_NUMBER', async () => {
      const res = await post(tokens.secA1, '/api/members', {
        branchId: w.branchA1.id,
        name: '张伟',
        idNumber: a1.idNumber,
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.MEMBER_DUPLICATE_ID_NUMBER);
    });

    it('refuses an ID number with a wrong check digit', async () => {
      const good = fakeIdNumber();
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const res = await post(tokens.secA1, '/api/members', { branchId: w.branchA1.id, name: '错号', idNumber: bad });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'idNumber' })]));
    });

    it.each([
      ['another branch secretary', 'secA2', 404],
      ['another county admin', 'adminB', 404],
      ['a committee member of the branch', 'committeeA1', 403],
      ['community staff', 'staffA', 404],
    ] as const)('refuses %s', async (_who, who, status) => {
      const res = await post(tokens[who], '/api/members', {
        branchId: w.branchA1.id,
        name: '某人',
        idNumber: fakeIdNumber(),
      });
      expect(res.status).toBe(status);
    });
  });

  describe('GET /api/members and /api/members/:id', () => {
    it('lists the branch for its secretary and the county for its admin, never another county', async () => {
      const sec = await get(tokens.secA1, '/api/members');
      expect(sec.status).toBe(200);
      const secIds = sec.body.items.map((m: { id: string }) => m.id);
      expect(secIds).toContain(a1.member.id);
      expect(secIds).not.toContain(b.member.id);
      const admin = await get(tokens.adminB, '/api/members');
      expect(admin.body.items.map((m: { id: string }) => m.id)).toEqual([b.member.id]);
    });

    it.each([
      ['another branch secretary', 'secA2'],
      ['another county admin', 'adminB'],
      ['community staff', 'staffA'],
    ] as const)('answers 404 to %s asking for a member outside their scope', async (_who, who) => {
      const res = await get(tokens[who], `/api/members/${a1.member.id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(ErrorCode.NOT_FOUND);
    });

    it('finds a member by exact name or full phone through the blind index', async () => {
      const byName = await get(tokens.adminA, `/api/members?q=${encodeURIComponent('张伟')}`);
      expect(byName.body.items.map((m: { id: string }) => m.id)).toEqual([a1.member.id]);
      const byPhone = await get(tokens.adminA, `/api/members?q=${a1.phone}`);
      expect(byPhone.body.items.map((m: { id: string }) => m.id)).toEqual([a1.member.id]);
      const otherCounty = await get(tokens.adminB, `/api/members?q=${a1.phone}`);
      expect(otherCounty.body.items).toEqual([]);
    });

    it('refuses an orgId outside the caller scope instead of widening it', async () => {
      const res = await get(tokens.secA1, `/api/members?orgId=${w.countyA.id}`);
      expect(res.status).toBe(404);
    });

    it('pages with a cursor', async () => {
      const first = await get(tokens.adminA, '/api/members?limit=1');
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toBeDefined();
      const second = await get(tokens.adminA, `/api/members?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });
  });

  describe('POST /api/members/:id/reveal', () => {
    it('gives the home secretary the full ID number and phone', async () => {
      const res = await post(tokens.secA1, `/api/members/${a1.member.id}/reveal`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: a1.member.id, idNumber: a1.idNumber, phone: a1.phone });
    });

    it('records every full read, and every refused one, in the audit log', async () => {
      const before = await withSql(
        t.databaseUrl,
        async (c) =>
          (
            await c.query(
              `SELECT result, count(*)::int AS n FROM audit_events WHERE action = 'member.reveal' AND target_id = $1 GROUP BY result`,
              [a1.member.id],
            )
          ).rows,
      );
      await post(tokens.secA1, `/api/members/${a1.member.id}/reveal`);
      await post(tokens.committeeA1, `/api/members/${a1.member.id}/reveal`);
      const after = await withSql(
        t.databaseUrl,
        async (c) =>
          (
            await c.query(
              `SELECT result, count(*)::int AS n FROM audit_events WHERE action = 'member.reveal' AND target_id = $1 GROUP BY result`,
              [a1.member.id],
            )
          ).rows,
      );
      const count = (rows: { result: string; n: number }[], result: string) =>
        rows.find((r) => r.result === result)?.n ?? 0;
      expect(count(after, 'ok') - count(before, 'ok')).toBe(1);
      expect(count(after, 'denied') - count(before, 'denied')).toBe(1);
    });

    it('audits a repeated request with the same Idempotency-Key again, and stores no answer in clear', async () => {
      const key = `reveal-${Date.now()}-0000000000`;
      const reveal = () =>
        request(t.url)
          .post(`/api/members/${a1.member.id}/reveal`)
          .set('authorization', `Bearer ${tokens.secA1}`)
          .set('Idempotency-Key', key);
      const audited = () =>
        withSql(
          t.databaseUrl,
          async (c) =>
            (
              await c.query(
                `SELECT count(*)::int AS n FROM audit_events WHERE action = 'member.reveal' AND result = 'ok' AND target_id = $1`,
                [a1.member.id],
              )
            ).rows[0].n as number,
        );
      const before = await audited();
      expect((await reveal()).body.idNumber).toBe(a1.idNumber);
      expect((await reveal()).body.idNumber).toBe(a1.idNumber);
      expect((await audited()) - before).toBe(2);
      // Other writes keep their answers for replay, sealed: no name, ID number or phone in clear.
      const created = await post(tokens.secA1, '/api/members', {
        branchId: w.branchA1.id,
        name: '封存测试',
        idNumber: fakeIdNumber('19920202'),
        phone: '13712340000',
      }).set('Idempotency-Key', `${key}-x`);
      expect(created.status).toBe(201);
      const stored = await withSql(t.databaseUrl, async (c) =>
        JSON.stringify((await c.query(`SELECT response_body FROM idempotency_keys`)).rows),
      );
      expect(stored).toContain('sealed');
      expect(stored).not.toContain(a1.idNumber);
      expect(stored).not.toContain('封存测试');
      expect(stored).not.toContain('5678');
    });

    it('refuses a committee member (403) and another branch (404)', async () => {
      expect((await post(tokens.committeeA1, `/api/members/${a1.member.id}/reveal`)).status).toBe(403);
      expect((await post(tokens.secA2, `/api/members/${a1.member.id}/reveal`)).status).toBe(404);
    });
  });

  describe('members themselves', () => {
    it('lets a bound member read their own file and nobody else', async () => {
      const token = await memberToken(t, a1.member);
      const mine = await get(token, '/api/members/me');
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ side: 'self', id: a1.member.id, name: '张伟' });
      expect((await get(token, `/api/members/${b.member.id}`)).status).toBe(404);
      expect((await get(token, '/api/members')).body.items).toEqual([]);
      expect((await post(token, `/api/members/${a1.member.id}/reveal`)).status).toBe(403);
    });

    it('binds a WeChat account by name and phone, once', async () => {
      const target = await createMember(t.app, w.branchA2, { name: '孙丽' });
      const token = await memberToken(t, null);
      const res = await post(token, '/api/members/bind', { name: '孙丽', phone: target.phone });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ side: 'self', id: target.member.id });
      const again = await post(token, '/api/members/bind', { name: '孙丽', phone: target.phone });
      expect(again.body.code).toBe(ErrorCode.ACCOUNT_ALREADY_BOUND);
      const thief = await memberToken(t, null);
      const stolen = await post(thief, '/api/members/bind', { name: '孙丽', idLast6: target.idNumber.slice(-6) });
      expect(stolen.status).toBe(409);
      expect(stolen.body.code).toBe(ErrorCode.MEMBER_ALREADY_BOUND);
    });

    it('re-binds only through the branch: the secretary unlinks, then the member binds a new phone', async () => {
      const target = await createMember(t.app, w.branchA1, { name: '周洁' });
      const oldPhone = await memberToken(t, target.member);
      expect((await get(oldPhone, '/api/members/me')).status).toBe(200);
      expect((await post(tokens.secA2, `/api/members/${target.member.id}/unbind`)).status).toBe(404);
      expect((await post(tokens.committeeA1, `/api/members/${target.member.id}/unbind`)).status).toBe(403);
      expect((await post(oldPhone, `/api/members/${target.member.id}/unbind`)).status).toBe(403);
      const res = await post(tokens.secA1, `/api/members/${target.member.id}/unbind`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ unbound: true });
      expect((await get(oldPhone, '/api/members/me')).status).toBe(404);
      const newPhone = await memberToken(t, null);
      const bound = await post(newPhone, '/api/members/bind', { name: '周洁', idLast6: target.idNumber.slice(-6) });
      expect(bound.status).toBe(200);
      const audited = await withSql(
        t.databaseUrl,
        async (c) =>
          (
            await c.query(
              `SELECT count(*)::int AS n FROM audit_events WHERE action = 'member.update' AND target_id = $1`,
              [target.member.id],
            )
          ).rows[0].n,
      );
      expect(audited).toBe(1);
    });

    it('limits wrong binding guesses', async () => {
      const token = await memberToken(t, null);
      const codes: string[] = [];
      for (let i = 0; i < 6; i++)
        codes.push((await post(token, '/api/members/bind', { name: '不存在', phone: '13800000000' })).body.code);
      expect(codes.slice(0, 5)).toEqual(Array(5).fill(ErrorCode.BIND_NO_MATCH));
      expect(codes[5]).toBe(ErrorCode.RATE_LIMITED);
    });
  });

  describe('revoked roles', () => {
    it('stops seeing members the moment a role is revoked', async () => {
      const staff = await createStaff(t.app, ['branch_secretary'], w.branchA1.id);
      const token = await staffToken(t, staff);
      expect((await get(token, `/api/members/${a1.member.id}`)).status).toBe(200);
      await withSql(t.databaseUrl, (c) =>
        c.query('UPDATE role_grants SET revoked_at = now() WHERE account_id = $1', [staff.accountId]),
      );
      expect((await get(token, `/api/members/${a1.member.id}`)).status).toBe(404);
      expect((await get(token, '/api/members')).body.items).toEqual([]);
    });
  });
});
