import { createHmac } from 'node:crypto';
import request from 'supertest';
import {
  CheckinRoutes,
  ErrorCode,
  ROTATING_MAC_LENGTH,
  base64UrlPrefix,
  formatPersonalCode,
  timeStep,
  type ActivityView,
  type ArrivalResult,
  type BranchCodeView,
  type CheckinResult,
  type InboxItem,
  type PersonalCodeKey,
  type VenueCodeView,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import { withSql } from './support/database.js';
import {
  createMember,
  createStaff,
  createWorld,
  memberToken,
  staffToken,
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const FACTS = {
  residence: '上海市闵行区七宝镇新镇路 100 弄 8 号',
  employer: '上海宏远物流有限公司',
  stay: '6_to_12_months',
};
let serial = 0;
const clientId = () => `client-${Date.now().toString(36)}-${(serial += 1).toString().padStart(8, '0')}`;

describe('流动先锋码: branch codes, arrivals, activities and check-ins', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let clock: Clock;
  let tokens: { secMobile: string; secA1: string; secB: string; committeeMobile: string; sysadmin: string };

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const path = (route: string, id: string) => route.replace(':id', id);

  async function member(branch = w.branchA1): Promise<MemberFixture & { token: string }> {
    const fixture = await createMember(t.app, branch);
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  async function branchCode(token = tokens.secMobile, orgId = w.mobileBranch.id): Promise<BranchCodeView> {
    const res = await get(token, path(CheckinRoutes.branchCode, orgId));
    expect(res.status).toBe(200);
    return res.body as BranchCodeView;
  }

  /** A member received at the mobile branch: arrived by code, confirmed by its secretary. */
  async function received(): Promise<MemberFixture & { token: string; flowId: string }> {
    const m = await member();
    const code = await branchCode();
    const arrived = await post(m.token, CheckinRoutes.arrive, { code: code.scene, clientId: clientId(), facts: FACTS });
    expect(arrived.status).toBe(200);
    const flowId = (arrived.body as ArrivalResult).flow.id;
    const confirmed = await post(tokens.secMobile, `/api/flows/${flowId}/actions`, { action: 'confirm_arrival' });
    expect(confirmed.status).toBe(200);
    return { ...m, flowId };
  }

  async function activity(overrides: object = {}): Promise<ActivityView> {
    const now = Date.now();
    const res = await post(tokens.secMobile, CheckinRoutes.activities, {
      branchId: w.mobileBranch.id,
      kind: 'theme_day',
      title: '主题党日：学习党章',
      place: '七宝镇党群服务中心',
      location: { lat: 31.1546, lng: 121.3515 },
      startsAt: new Date(now - 10 * 60_000).toISOString(),
      endsAt: new Date(now + 2 * 3_600_000).toISOString(),
      checkoutEnabled: true,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as ActivityView;
  }

  async function venueCode(activityId: string, token = tokens.secMobile): Promise<VenueCodeView> {
    const res = await get(token, path(CheckinRoutes.venueCode, activityId));
    expect(res.status).toBe(200);
    return res.body as VenueCodeView;
  }

  /** What the member's phone shows: computed here from the key, as the app does, not by the server. */
  async function personalCode(token: string, at = new Date()): Promise<string> {
    const res = await get(token, CheckinRoutes.personalCodeKey);
    expect(res.status).toBe(200);
    const key = res.body as PersonalCodeKey;
    const step = timeStep(at, key.stepSeconds);
    const mac = createHmac('sha256', Buffer.from(key.secret, 'base64url'))
      .update(`P|${key.memberCode}|${key.keyVersion}|${step}`)
      .digest();
    return formatPersonalCode(key.memberCode, key.keyVersion, step, base64UrlPrefix(mac, ROTATING_MAC_LENGTH));
  }

  async function inbox(token: string): Promise<InboxItem[]> {
    const res = await get(token, '/api/inbox');
    expect(res.status).toBe(200);
    return (res.body as { items: InboxItem[] }).items;
  }

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_CHECKIN_MEMBER_LIMIT: '1000', THROTTLE_CHECKIN_DEVICE_LIMIT: '1000' });
    w = await createWorld(t.app);
    clock = t.app.get(Clock);
    tokens = {
      secMobile: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id)),
      committeeMobile: await staffToken(t, await createStaff(t.app, ['branch_committee'], w.mobileBranch.id)),
      secA1: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA1.id)),
      secB: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchB.id)),
      sysadmin: await staffToken(t, await createStaff(t.app, ['system_admin'])),
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A controlled clock: the app's Clock answers this moment until `resetClock`. */
  const setNow = (ms: number) => {
    clock.now = () => new Date(ms);
  };
  const resetClock = () => {
    clock.now = Clock.prototype.now;
  };

  afterEach(resetClock);

  describe('branch codes', () => {
    it('gives a signed scene of at most 32 characters with nothing personal in it, and a fallback code', async () => {
      const code = await branchCode();
      expect(code.scene.length).toBeLessThanOrEqual(32);
      expect(code.scene).toMatch(/^B[0-9A-Z]{8}\.[0-9a-z]+\.[A-Za-z0-9_-]{12}$/);
      expect(code.scene).not.toContain(w.mobileBranch.id);
      expect(code.fallbackCode).toMatch(/^[0-9A-Z]{12}$/);
      expect(code.fallbackCodeGrouped).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(code.link).toContain(`/pages/scan/index?scene=${encodeURIComponent(code.scene)}`);
      // The same branch keeps the same code.
      expect((await branchCode()).scene).toBe(code.scene);
    });

    it('is refused to a branch secretary of another branch, and to members', async () => {
      expect((await get(tokens.secB, path(CheckinRoutes.branchCode, w.mobileBranch.id))).status).toBe(404);
      const m = await member();
      expect((await get(m.token, path(CheckinRoutes.branchCode, w.mobileBranch.id))).status).toBe(404);
    });

    it('resolves a good code to its branch, typed fallback codes too', async () => {
      const code = await branchCode();
      const m = await member();
      const scanned = await post(m.token, CheckinRoutes.resolve, { code: code.scene });
      expect(scanned.status).toBe(200);
      expect(scanned.body).toMatchObject({
        kind: 'branch',
        branch: { id: w.mobileBranch.id, name: w.mobileBranch.name },
      });
      const typed = await post(m.token, CheckinRoutes.resolve, { code: code.fallbackCodeGrouped.toLowerCase() });
      expect(typed.status).toBe(200);
      expect(typed.body.branch.id).toBe(w.mobileBranch.id);
    });

    it.each([
      ['an altered signature', (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A'), ErrorCode.CODE_FORGED],
      [
        'another branch code under the same signature',
        (s: string) => `B${'Z'.repeat(8)}${s.slice(9)}`,
        ErrorCode.CODE_FORGED,
      ],
      ['a key version that never existed', (s: string) => s.replace(/\.[0-9a-z]+\./, '.zz.'), ErrorCode.CODE_FORGED],
      ['text that is no code at all', () => 'hello-world', ErrorCode.CODE_MALFORMED],
    ])('refuses %s', async (_label, tamper, expected) => {
      const code = await branchCode();
      const m = await member();
      const res = await post(m.token, CheckinRoutes.resolve, { code: tamper(code.scene) });
      expect(res.status).toBe(expected === ErrorCode.CODE_MALFORMED ? 400 : 400);
      expect(res.body.code).toBe(expected);
    });

    it('refuses a mistyped fallback code', async () => {
      const code = await branchCode();
      const m = await member();
      const wrong = code.fallbackCode.slice(0, 11) + (code.fallbackCode.endsWith('0') ? '1' : '0');
      const res = await post(m.token, CheckinRoutes.resolve, { code: wrong });
      expect(res.body.code).toBe(ErrorCode.CODE_FORGED);
    });

    it('keeps old codes working after a rotation, until their version is revoked', async () => {
      const before = await branchCode();
      const m = await member();
      expect((await post(tokens.secMobile, '/api/codes/keys/branch/rotate')).status).toBe(403);
      const rotated = await post(tokens.sysadmin, '/api/codes/keys/branch/rotate');
      expect(rotated.status).toBe(200);
      const after = await branchCode();
      expect(after.keyVersion).toBe(before.keyVersion + 1);
      expect((await post(m.token, CheckinRoutes.resolve, { code: before.scene })).status).toBe(200);

      const revoked = await post(tokens.sysadmin, `/api/codes/keys/branch/${before.keyVersion}/revoke`);
      expect(revoked.status).toBe(200);
      const old = await post(m.token, CheckinRoutes.resolve, { code: before.scene });
      expect(old.status).toBe(410);
      expect(old.body.code).toBe(ErrorCode.CODE_REVOKED);
      expect((await post(m.token, CheckinRoutes.resolve, { code: after.scene })).status).toBe(200);
      // A typed code is checked against live keys only.
      expect((await post(m.token, CheckinRoutes.resolve, { code: after.fallbackCode })).status).toBe(200);
      expect((await post(m.token, CheckinRoutes.resolve, { code: before.fallbackCode })).body.code).toBe(
        ErrorCode.CODE_FORGED,
      );
      expect((await post(tokens.sysadmin, `/api/codes/keys/branch/${before.keyVersion}/revoke`)).status).toBe(404);
      const audit = await withSql(t.databaseUrl, (sql) =>
        sql.query(`SELECT action FROM audit_events WHERE action LIKE 'code_key.%' ORDER BY id`),
      );
      expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['code_key.rotate', 'code_key.revoke']);
    });
  });

  describe('arrival (报到) with a branch code', () => {
    it('records the arrival once, tells both branches, and activates dual management on confirmation', async () => {
      const m = await member();
      const code = await branchCode();
      const id = clientId();
      const first = await post(m.token, CheckinRoutes.arrive, { code: code.scene, clientId: id, facts: FACTS });
      expect(first.status).toBe(200);
      const result = first.body as ArrivalResult;
      expect(result.repeated).toBe(false);
      expect(result.flow).toMatchObject({ status: 'arrived', origin: 'arrival', receivingBranchId: w.mobileBranch.id });
      expect(result.flow.side).toBe('self');

      const again = await post(m.token, CheckinRoutes.arrive, { code: code.scene, clientId: id, facts: FACTS });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ repeated: true, flow: { id: result.flow.id } });
      const flows = await withSql(t.databaseUrl, (sql) =>
        sql.query(`SELECT count(*)::int AS n FROM flows WHERE member_id = $1`, [m.member.id]),
      );
      expect(flows.rows[0].n).toBe(1);

      const todo = (await inbox(tokens.secMobile)).find((i) => i.subjectId === result.flow.id);
      expect(todo).toMatchObject({ category: 'todo', kind: 'flow.arrived', doneAt: null });
      expect(todo!.body).toContain(m.name);
      const notice = (await inbox(tokens.secA1)).find((i) => i.subjectId === result.flow.id);
      expect(notice).toMatchObject({ category: 'notice', kind: 'flow.arrived' });
      // Another branch hears nothing of it.
      expect((await inbox(tokens.secB)).some((i) => i.subjectId === result.flow.id)).toBe(false);

      // The 四清 facts the member stated are on the flow and confirmed.
      const facts = await withSql(t.databaseUrl, (sql) =>
        sql.query(`SELECT fact FROM member_fact_checks WHERE member_id = $1 ORDER BY fact`, [m.member.id]),
      );
      expect(facts.rows.map((r: { fact: string }) => r.fact)).toEqual(['identity', 'time', 'whereabouts', 'work']);
      const sendingView = await get(tokens.secA1, `/api/flows/${result.flow.id}`);
      expect(sendingView.body).toMatchObject({ destinationAddress: FACTS.residence, employer: FACTS.employer });

      const confirmed = await post(tokens.secMobile, `/api/flows/${result.flow.id}/actions`, {
        action: 'confirm_arrival',
      });
      expect(confirmed.body.status).toBe('active');
      const done = (await inbox(tokens.secMobile)).find((i) => i.subjectId === result.flow.id);
      expect(done!.doneAt).not.toBeNull();
      expect((await inbox(m.token)).find((i) => i.subjectId === result.flow.id)).toMatchObject({
        kind: 'flow.activated',
      });
      const summary = await get(m.token, '/api/inbox/summary');
      expect(summary.body.unreadNotices).toBeGreaterThanOrEqual(1);
    });

    it('answers a second scan at the same branch with the flow as it stands', async () => {
      const m = await received();
      const code = await branchCode();
      const res = await post(m.token, CheckinRoutes.arrive, { code: code.scene, clientId: clientId(), facts: FACTS });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ repeated: true, flow: { id: m.flowId, status: 'active' } });
    });

    it('moves an approved outflow on when the member arrives', async () => {
      const m = await member();
      const reported = await post(m.token, '/api/flows/report', {
        destinationAddress: '上海',
        industry: '建筑业',
        occupation: '施工员',
        employer: '某公司',
        expectedFrom: '2026-11-01',
        expectedUntil: '2027-06-30',
      });
      expect(reported.status).toBe(201);
      expect((await inbox(tokens.secA1)).find((i) => i.subjectId === reported.body.id)?.kind).toBe('flow.reported');
      await post(tokens.secA1, `/api/flows/${reported.body.id}/actions`, { action: 'approve' });
      const code = await branchCode();
      const res = await post(m.token, CheckinRoutes.arrive, { code: code.scene, clientId: clientId(), facts: FACTS });
      expect(res.body.flow).toMatchObject({ id: reported.body.id, status: 'arrived', origin: 'outflow_report' });
    });

    it.each([
      ['a member of the branch itself', 'own'],
      ['an account with no roster entry', 'unbound'],
      ['an activity code', 'activity'],
    ])('refuses %s', async (_label, kind) => {
      const code = await branchCode();
      if (kind === 'own') {
        const own = await member(w.mobileBranch);
        const res = await post(own.token, CheckinRoutes.arrive, {
          code: code.scene,
          clientId: clientId(),
          facts: FACTS,
        });
        expect(res.status).toBe(400);
      } else if (kind === 'unbound') {
        const token = await memberToken(t, null);
        const res = await post(token, CheckinRoutes.arrive, { code: code.scene, clientId: clientId(), facts: FACTS });
        expect(res.status).toBe(403);
      } else {
        const a = await activity();
        const venue = await venueCode(a.id);
        const m = await member();
        const res = await post(m.token, CheckinRoutes.arrive, {
          code: venue.scene,
          clientId: clientId(),
          facts: FACTS,
        });
        expect(res.body.code).toBe(ErrorCode.CODE_WRONG_KIND);
      }
    });

    it.each([
      ['an unknown field', { extra: 1 }, ErrorCode.UNKNOWN_FIELD],
      ['no residence', { facts: { stay: 'over_1_year' } }, ErrorCode.VALIDATION_FAILED],
      ['a bad stay', { facts: { ...FACTS, stay: 'forever' } }, ErrorCode.VALIDATION_FAILED],
      ['a short client id', { clientId: 'abc' }, ErrorCode.VALIDATION_FAILED],
    ])('answers 400 for %s and writes nothing', async (_label, change, expected) => {
      const m = await member();
      const code = await branchCode();
      const res = await post(m.token, CheckinRoutes.arrive, {
        code: code.scene,
        clientId: clientId(),
        facts: FACTS,
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(expected);
      const flows = await withSql(t.databaseUrl, (sql) =>
        sql.query(`SELECT count(*)::int AS n FROM flows WHERE member_id = $1`, [m.member.id]),
      );
      expect(flows.rows[0].n).toBe(0);
    });
  });

  describe('arrival recorded with the member personal code (个人先锋码)', () => {
    it('lets the receiving secretary record it, and no one else', async () => {
      const m = await member();
      const code = await personalCode(m.token);
      expect(code.length).toBeLessThanOrEqual(32);
      expect(code).not.toContain(m.member.id);
      const body = { code, branchId: w.mobileBranch.id, clientId: clientId(), facts: FACTS };
      expect((await post(tokens.secB, CheckinRoutes.arriveByPersonalCode, body)).status).toBe(404);
      expect((await post(tokens.committeeMobile, CheckinRoutes.arriveByPersonalCode, body)).status).toBe(403);
      expect((await post(m.token, CheckinRoutes.arriveByPersonalCode, body)).status).toBe(404);
      const res = await post(tokens.secMobile, CheckinRoutes.arriveByPersonalCode, body);
      expect(res.status).toBe(200);
      expect(res.body.flow).toMatchObject({ status: 'arrived', side: 'receiving', memberId: m.member.id });
    });

    it('refuses an expired, altered or revoked personal code', async () => {
      const m = await member();
      const old = await personalCode(m.token, new Date(Date.now() - 5 * 60_000));
      const expired = await post(tokens.secMobile, CheckinRoutes.arriveByPersonalCode, {
        code: old,
        branchId: w.mobileBranch.id,
        clientId: clientId(),
      });
      expect(expired.status).toBe(410);
      expect(expired.body.code).toBe(ErrorCode.CODE_EXPIRED);

      const good = await personalCode(m.token);
      const altered = good.slice(0, -1) + (good.endsWith('x') ? 'y' : 'x');
      const forged = await post(tokens.secMobile, CheckinRoutes.arriveByPersonalCode, {
        code: altered,
        branchId: w.mobileBranch.id,
        clientId: clientId(),
      });
      expect(forged.body.code).toBe(ErrorCode.CODE_FORGED);

      const version = Number(good.split('.')[1]);
      expect((await post(tokens.sysadmin, '/api/codes/keys/personal/rotate')).status).toBe(200);
      expect((await post(tokens.sysadmin, `/api/codes/keys/personal/${version}/revoke`)).status).toBe(200);
      const revoked = await post(tokens.secMobile, CheckinRoutes.arriveByPersonalCode, {
        code: good,
        branchId: w.mobileBranch.id,
        clientId: clientId(),
      });
      expect(revoked.body.code).toBe(ErrorCode.CODE_REVOKED);
      // The phone fetches the new key and its codes work again.
      const fresh = await post(tokens.secMobile, CheckinRoutes.arriveByPersonalCode, {
        code: await personalCode(m.token),
        branchId: w.mobileBranch.id,
        clientId: clientId(),
      });
      expect(fresh.status).toBe(200);
    });
  });

  describe('activities and check-in', () => {
    it('lets only staff of the branch create and see activities', async () => {
      const m = await member();
      const body = {
        branchId: w.mobileBranch.id,
        kind: 'members_meeting',
        title: '支部党员大会',
        place: '会议室',
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-12-01T11:00:00+08:00',
      };
      expect((await post(tokens.secB, CheckinRoutes.activities, body)).status).toBe(404);
      expect((await post(m.token, CheckinRoutes.activities, body)).status).toBe(404);
      expect((await post(tokens.committeeMobile, CheckinRoutes.activities, body)).status).toBe(403);
      expect(
        (await post(tokens.secMobile, CheckinRoutes.activities, { ...body, endsAt: '2026-12-01T08:00:00+08:00' })).body
          .code,
      ).toBe(ErrorCode.VALIDATION_FAILED);
      const created = await post(tokens.secMobile, CheckinRoutes.activities, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'upcoming', checkoutEnabled: false });
      expect((await get(tokens.secB, path(CheckinRoutes.activity, created.body.id))).status).toBe(404);
      expect((await get(tokens.secB, path(CheckinRoutes.venueCode, created.body.id))).status).toBe(404);
      expect((await get(tokens.secB, path(CheckinRoutes.attendance, created.body.id))).status).toBe(404);
      expect((await get(m.token, path(CheckinRoutes.venueCode, created.body.id))).status).toBe(404);
      expect((await get(tokens.committeeMobile, path(CheckinRoutes.venueCode, created.body.id))).status).toBe(200);
      const list = await get(tokens.secMobile, `${CheckinRoutes.activities}?branchId=${w.mobileBranch.id}`);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
      expect((await get(tokens.secB, `${CheckinRoutes.activities}?branchId=${w.mobileBranch.id}`)).status).toBe(404);
    });

    it('records a check-in once however often it is sent, even 100 times at once', async () => {
      const m = await received();
      const a = await activity();
      const venue = await venueCode(a.id);
      expect(venue.scene.length).toBeLessThanOrEqual(32);
      const body = { code: venue.scene, clientId: clientId(), deviceId: 'device-000001' };
      const answers = await Promise.all(Array.from({ length: 100 }, () => post(m.token, CheckinRoutes.checkin, body)));
      expect(answers.map((r) => `${r.status} ${r.status === 200 ? '' : JSON.stringify(r.body)}`)).toEqual(
        Array(100).fill('200 '),
      );
      const ids = new Set(answers.map((r) => (r.body as CheckinResult).checkin.id));
      expect(ids.size).toBe(1);
      expect(answers.filter((r) => !(r.body as CheckinResult).repeated)).toHaveLength(1);
      // A new scan by the same member (another client id) is the same check-in, too.
      const later = await post(m.token, CheckinRoutes.checkin, { ...body, clientId: clientId() });
      expect(later.body).toMatchObject({ repeated: true, checkin: { id: [...ids][0] } });
      const rows = await withSql(t.databaseUrl, (sql) =>
        sql.query(`SELECT count(*)::int AS n FROM checkins WHERE activity_id = $1`, [a.id]),
      );
      expect(rows.rows[0].n).toBe(1);
    });

    it('accepts the previous 20-second code and refuses an older one', async () => {
      const m = await received();
      const a = await activity();
      const venue = await venueCode(a.id);
      const now = Date.now();
      setNow(now + 20_000);
      const previous = await post(m.token, CheckinRoutes.checkin, { code: venue.scene, clientId: clientId() });
      expect(previous.status).toBe(200);
      setNow(now + 60_000);
      const m2 = await received();
      const old = await post(m2.token, CheckinRoutes.checkin, { code: venue.scene, clientId: clientId() });
      expect(old.status).toBe(410);
      expect(old.body.code).toBe(ErrorCode.CODE_EXPIRED);
    });

    it('accepts a scan queued offline, at the time the code was shown, and marks it', async () => {
      const m = await received();
      const a = await activity();
      const shownAt = Date.now();
      const venue = await venueCode(a.id);
      setNow(shownAt + 90 * 60_000);
      const res = await post(m.token, CheckinRoutes.checkin, {
        code: venue.scene,
        clientId: clientId(),
        offline: true,
        scannedAt: new Date(shownAt).toISOString(),
      });
      expect(res.status).toBe(200);
      const checkin = (res.body as CheckinResult).checkin;
      expect(checkin.offline).toBe(true);
      expect(checkin.anomalies).toContain('offline');
      expect(Math.abs(Date.parse(checkin.checkedInAt) - shownAt)).toBeLessThanOrEqual(20_000);
    });

    it.each([
      ['a forged code', (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A'), ErrorCode.CODE_FORGED],
      ['a code from the future', (s: string) => s, ErrorCode.CODE_FORGED],
    ])('refuses %s', async (label, tamper, expected) => {
      const m = await received();
      const a = await activity();
      if (label === 'a code from the future') setNow(Date.now() + 120_000);
      const venue = await venueCode(a.id);
      resetClock();
      const res = await post(m.token, CheckinRoutes.checkin, { code: tamper(venue.scene), clientId: clientId() });
      expect(res.body.code).toBe(expected);
    });

    it('refuses a code for another activity than the page was opened for, a branch code, a cancelled activity', async () => {
      const m = await received();
      const a = await activity();
      const b = await activity({ title: '另一个活动' });
      const venueB = await venueCode(b.id);
      const wrong = await post(m.token, CheckinRoutes.checkin, {
        code: venueB.scene,
        clientId: clientId(),
        activityId: a.id,
      });
      expect(wrong.status).toBe(409);
      expect(wrong.body.code).toBe(ErrorCode.CODE_WRONG_BRANCH);
      const branch = await branchCode();
      const kind = await post(m.token, CheckinRoutes.checkin, { code: branch.scene, clientId: clientId() });
      expect(kind.body.code).toBe(ErrorCode.CODE_WRONG_KIND);
      const venueA = await venueCode(a.id);
      expect((await post(tokens.committeeMobile, path(CheckinRoutes.cancelActivity, a.id))).status).toBe(403);
      expect((await post(tokens.secMobile, path(CheckinRoutes.cancelActivity, a.id))).status).toBe(200);
      const cancelled = await post(m.token, CheckinRoutes.checkin, { code: venueA.scene, clientId: clientId() });
      expect(cancelled.body.code).toBe(ErrorCode.ACTIVITY_CANCELLED);
    });

    it('refuses a client id reused for another activity', async () => {
      const m = await received();
      const id = clientId();
      const a = await activity();
      const b = await activity();
      expect(
        (await post(m.token, CheckinRoutes.checkin, { code: (await venueCode(a.id)).scene, clientId: id })).status,
      ).toBe(200);
      const reused = await post(m.token, CheckinRoutes.checkin, { code: (await venueCode(b.id)).scene, clientId: id });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe(ErrorCode.CLIENT_ID_REUSED);
    });

    it('flags a shared phone, a far-away check-in and one outside the window, and lists who is absent', async () => {
      const a = await activity();
      const venue = await venueCode(a.id);
      const one = await received();
      const two = await received();
      const far = await received();
      const absent = await received();
      await post(one.token, CheckinRoutes.checkin, {
        code: venue.scene,
        clientId: clientId(),
        deviceId: 'shared-phone-1',
      });
      await post(two.token, CheckinRoutes.checkin, {
        code: venue.scene,
        clientId: clientId(),
        deviceId: 'shared-phone-1',
      });
      await post(far.token, CheckinRoutes.checkin, {
        code: venue.scene,
        clientId: clientId(),
        location: { lat: 31.2304, lng: 121.4737 },
      });
      const res = await get(tokens.secMobile, path(CheckinRoutes.attendance, a.id));
      expect(res.status).toBe(200);
      const byMember = new Map(
        res.body.present.map((c: { memberId: string; anomalies: string[] }) => [c.memberId, c.anomalies]),
      );
      expect(byMember.get(one.member.id)).toContain('shared_device');
      expect(byMember.get(two.member.id)).toContain('shared_device');
      expect(byMember.get(far.member.id)).toEqual(['far_from_venue']);
      expect(res.body.absent.map((x: { memberId: string }) => x.memberId)).toContain(absent.member.id);
      expect(res.body.absent.find((x: { memberId: string }) => x.memberId === absent.member.id).side).toBe('received');

      const late = await activity({
        startsAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
        endsAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      });
      const after = await post(absent.token, CheckinRoutes.checkin, {
        code: (await venueCode(late.id)).scene,
        clientId: clientId(),
      });
      expect(after.status).toBe(200);
      expect(after.body.checkin.anomalies).toEqual(['outside_window']);
    });

    it('records check-out and the hours between, once', async () => {
      const m = await received();
      const a = await activity({ kind: 'volunteer_service' });
      const venue = await venueCode(a.id);
      const early = await post(m.token, CheckinRoutes.checkin, {
        code: venue.scene,
        clientId: clientId(),
        direction: 'out',
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe(ErrorCode.ACTIVITY_NOT_CHECKED_IN);
      await post(m.token, CheckinRoutes.checkin, { code: venue.scene, clientId: clientId() });
      const later = Date.now() + 90 * 60_000;
      setNow(later);
      const out = await post(m.token, CheckinRoutes.checkin, {
        code: (await venueCode(a.id)).scene,
        clientId: clientId(),
        direction: 'out',
      });
      expect(out.status).toBe(200);
      expect(out.body.checkin.minutes).toBeGreaterThanOrEqual(89);
      const again = await post(m.token, CheckinRoutes.checkin, {
        code: (await venueCode(a.id)).scene,
        clientId: clientId(),
        direction: 'out',
      });
      expect(again.body).toMatchObject({ repeated: true, checkin: { checkedOutAt: out.body.checkin.checkedOutAt } });
    });

    it('lets a secretary check a member in with their personal code', async () => {
      const m = await received();
      const a = await activity();
      const code = await personalCode(m.token);
      expect(
        (await post(tokens.secB, path(CheckinRoutes.checkinByPersonalCode, a.id), { code, clientId: clientId() }))
          .status,
      ).toBe(404);
      const res = await post(tokens.committeeMobile, path(CheckinRoutes.checkinByPersonalCode, a.id), {
        code,
        clientId: clientId(),
      });
      expect(res.status).toBe(200);
      expect(res.body.checkin).toMatchObject({ memberId: m.member.id, method: 'personal_code' });
      const venue = await venueCode(a.id);
      const wrongKind = await post(tokens.secMobile, path(CheckinRoutes.checkinByPersonalCode, a.id), {
        code: venue.scene,
        clientId: clientId(),
      });
      expect(wrongKind.body.code).toBe(ErrorCode.CODE_WRONG_KIND);
    });

    it("shows attendance to the member's sending branch, the member, and no one else", async () => {
      const m = await received();
      const a = await activity();
      await post(m.token, CheckinRoutes.checkin, { code: (await venueCode(a.id)).scene, clientId: clientId() });
      const sending = await get(tokens.secA1, path(CheckinRoutes.memberCheckins, m.member.id));
      expect(sending.status).toBe(200);
      expect(sending.body.items[0]).toMatchObject({ activityId: a.id, memberId: m.member.id });
      expect((await get(tokens.secMobile, path(CheckinRoutes.memberCheckins, m.member.id))).status).toBe(200);
      expect((await get(tokens.secB, path(CheckinRoutes.memberCheckins, m.member.id))).status).toBe(404);
      const mine = await get(m.token, CheckinRoutes.myCheckins);
      expect(mine.body.items[0].activityId).toBe(a.id);
      const other = await member();
      expect((await get(other.token, path(CheckinRoutes.memberCheckins, m.member.id))).status).toBe(404);
    });
  });

  describe('inbox', () => {
    it('marks an item read only for those it is addressed to', async () => {
      const m = await member();
      const code = await branchCode();
      const arrived = await post(m.token, CheckinRoutes.arrive, {
        code: code.scene,
        clientId: clientId(),
        facts: FACTS,
      });
      const item = (await inbox(tokens.secA1)).find((i) => i.subjectId === arrived.body.flow.id)!;
      expect((await post(tokens.secB, `/api/inbox/${item.id}/read`)).status).toBe(404);
      expect((await post(m.token, `/api/inbox/${item.id}/read`)).status).toBe(404);
      const read = await post(tokens.secA1, `/api/inbox/${item.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      const pending = await get(tokens.secA1, '/api/inbox?pending=true&category=notice');
      expect(pending.body.items.some((i: InboxItem) => i.id === item.id)).toBe(false);
    });
  });
});

describe('check-in rate limits', () => {
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
  });

  it('limits check-ins per member, not per address', async () => {
    t = await startTestApp({ THROTTLE_CHECKIN_MEMBER_LIMIT: '3' });
    const w = await createWorld(t.app);
    const sec = await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id));
    const fixture = await createMember(t.app, w.branchA1);
    const token = await memberToken(t, fixture.member);
    const other = await memberToken(t, (await createMember(t.app, w.branchA1)).member);
    const a = await request(t.url)
      .post(CheckinRoutes.activities)
      .set('authorization', `Bearer ${sec}`)
      .send({
        branchId: w.mobileBranch.id,
        kind: 'theme_day',
        title: '主题党日',
        place: '会议室',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    const venue = await request(t.url)
      .get(CheckinRoutes.venueCode.replace(':id', a.body.id))
      .set('authorization', `Bearer ${sec}`);
    const send = (tk: string) =>
      request(t.url)
        .post(CheckinRoutes.checkin)
        .set('authorization', `Bearer ${tk}`)
        .send({ code: venue.body.scene, clientId: clientId() });
    for (let i = 0; i < 3; i += 1) expect((await send(token)).status).toBe(200);
    const limited = await send(token);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(ErrorCode.RATE_LIMITED);
    expect((await send(other)).status).toBe(200);
  });
});
