import request from 'supertest';
import {
  ErrorCode,
  PairingRoutes,
  type BranchPairingRow,
  type ContactLogEntry,
  type InboxItem,
  type LostProposalView,
  type MemberPairingView,
  type MyPairedMember,
  type PairingCandidate,
  type PairingRulesView,
  type PairingView,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import { PairingJobsService } from '../src/pairing/pairing-jobs.service.js';
import { withSql } from './support/database.js';
import {
  arriveAt,
  createMember,
  createStaff,
  createWorld,
  memberToken,
  staffToken,
  type MemberFixture,
  type StaffUser,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

describe('结对联系: pairing, the contact log, overdue contacts and lost contact', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let clock: Clock;
  let jobs: PairingJobsService;
  let staff: Record<'secA1' | 'committee' | 'committee2' | 'committeeA2' | 'secB' | 'secMobile' | 'adminA', StaffUser>;
  let tokens: Record<keyof typeof staff, string>;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const put = (token: string, path: string, body: object) => request(t.url).put(path).set(auth(token)).send(body);
  const patch = (token: string, path: string, body: object) => request(t.url).patch(path).set(auth(token)).send(body);
  const route = (r: string, params: Record<string, string>) =>
    Object.entries(params).reduce((p, [k, v]) => p.replace(`:${k}`, v), r);
  const sql = <T>(text: string, values: unknown[] = []) =>
    withSql(t.databaseUrl, async (c) => (await c.query(text, values)).rows as T[]);

  /** Runs `fn` with the app's clock at `at`; sessions made at the real time stay valid for an earlier clock. */
  async function at<T>(when: Date, fn: () => Promise<T>): Promise<T> {
    clock.now = () => new Date(when);
    try {
      return await fn();
    } finally {
      clock.now = Clock.prototype.now;
    }
  }

  async function member(branch = w.branchA1): Promise<MemberFixture & { token: string }> {
    const fixture = await createMember(t.app, branch);
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  /** A member of branch A1 away since `since`: arrived at the mobile branch by code then. */
  async function awaySince(since: Date): Promise<MemberFixture & { token: string; flowId: string }> {
    const m = await member();
    const res = await at(since, () => arriveAt(t, m.token, w.mobileBranch));
    expect(res.status).toBe(200);
    return { ...m, flowId: (res.body as { flow: { id: string } }).flow.id };
  }

  async function pair(memberIds: string[], committee = staff.committee, abroad?: boolean): Promise<PairingView[]> {
    const res = await post(tokens.secA1, PairingRoutes.pair, {
      committeeAccountId: committee.accountId,
      memberIds,
      ...(abroad === undefined ? {} : { abroad }),
    });
    expect(res.status).toBe(200);
    return res.body as PairingView[];
  }

  async function inbox(token: string): Promise<InboxItem[]> {
    const res = await get(token, '/api/inbox?limit=100');
    expect(res.status).toBe(200);
    return (res.body as { items: InboxItem[] }).items;
  }

  const contact = (token: string, memberId: string, body: object = {}) =>
    post(token, route(PairingRoutes.contacts, { memberId }), {
      method: 'phone',
      contactedAt: new Date().toISOString(),
      note: '已在上海闵行区七宝镇找到工作，一切正常',
      ...body,
    });

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t.app);
    clock = t.app.get(Clock);
    jobs = t.app.get(PairingJobsService);
    staff = {
      secA1: await createStaff(t.app, ['branch_secretary'], w.branchA1.id),
      committee: await createStaff(t.app, ['branch_committee'], w.branchA1.id),
      committee2: await createStaff(t.app, ['branch_committee'], w.branchA1.id),
      committeeA2: await createStaff(t.app, ['branch_committee'], w.branchA2.id),
      secB: await createStaff(t.app, ['branch_secretary'], w.branchB.id),
      secMobile: await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id),
      adminA: await createStaff(t.app, ['org_admin'], w.countyA.id),
    };
    // The branch's code is fetched with a session made now, so arrivals at an earlier clock still work.
    await arriveAt(t, await memberToken(t, (await createMember(t.app, w.branchA2)).member), w.mobileBranch);
    tokens = Object.fromEntries(
      await Promise.all(Object.entries(staff).map(async ([k, s]) => [k, await staffToken(t, s)])),
    ) as typeof tokens;
  });

  afterAll(async () => {
    clock.now = Clock.prototype.now;
    await t?.close();
  });

  describe('pairing', () => {
    it('pairs one committee member with several members, and re-pairs and unpairs keeping the history', async () => {
      const a = await awaySince(new Date(Date.now() - 5 * DAY));
      const b = await member();
      const paired = await pair([a.member.id, b.member.id]);
      expect(paired.map((p) => p.memberId).sort()).toEqual([a.member.id, b.member.id].sort());
      expect(paired[0]).toMatchObject({ committeeAccountId: staff.committee.accountId, overdue: false, endedAt: null });

      const candidates = (await get(tokens.secA1, route(PairingRoutes.branchCommittee, { branchId: w.branchA1.id })))
        .body as PairingCandidate[];
      expect(candidates.find((c) => c.accountId === staff.committee.accountId)).toMatchObject({
        role: 'branch_committee',
      });
      expect(candidates.find((c) => c.accountId === staff.secA1.accountId)?.role).toBe('branch_secretary');
      expect(candidates.some((c) => c.accountId === staff.committeeA2.accountId)).toBe(false);

      const board = (
        await get(tokens.secA1, `${route(PairingRoutes.branchMembers, { branchId: w.branchA1.id })}?limit=100`)
      ).body as { items: BranchPairingRow[] };
      const rowA = board.items.find((r) => r.memberId === a.member.id)!;
      expect(rowA).toMatchObject({ memberName: a.name, away: true });
      expect(rowA.pairing?.committeeAccountId).toBe(staff.committee.accountId);
      expect(board.items.find((r) => r.memberId === b.member.id)?.away).toBe(false);

      // Re-pair b to another committee member: the first pairing ends as re-paired.
      const repaired = await pair([b.member.id], staff.committee2);
      expect(repaired[0].committeeAccountId).toBe(staff.committee2.accountId);
      const history = (await get(tokens.secA1, route(PairingRoutes.member, { memberId: b.member.id })))
        .body as MemberPairingView;
      expect(history.current?.committeeAccountId).toBe(staff.committee2.accountId);
      expect(history.past).toEqual([
        expect.objectContaining({
          committeeAccountId: staff.committee.accountId,
          endReason: 'repaired',
          nextDueOn: null,
        }),
      ]);

      // Pairing again with the same committee member keeps the pairing as it is.
      const again = await pair([b.member.id], staff.committee2);
      expect(again[0].id).toBe(repaired[0].id);

      // Unpair: ended, kept; a second end is refused.
      const ended = await post(tokens.secA1, route(PairingRoutes.end, { id: repaired[0].id }), { reason: '工作调整' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ endReason: 'unpaired', nextDueOn: null });
      const twice = await post(tokens.secA1, route(PairingRoutes.end, { id: repaired[0].id }));
      expect([twice.status, twice.body.code]).toEqual([409, ErrorCode.PAIRING_ALREADY_ENDED]);
      const abroadEnded = await patch(tokens.secA1, route(PairingRoutes.one, { id: repaired[0].id }), { abroad: true });
      expect([abroadEnded.status, abroadEnded.body.code]).toEqual([409, ErrorCode.PAIRING_ALREADY_ENDED]);
      const after = (await get(tokens.secA1, route(PairingRoutes.member, { memberId: b.member.id })))
        .body as MemberPairingView;
      expect(after.current).toBeNull();
      expect(after.past.map((p) => p.endReason)).toEqual(['unpaired', 'repaired']);

      const audit = await sql<{ action: string }>(
        `SELECT action FROM audit_events WHERE action LIKE 'pairing.%' ORDER BY id`,
      );
      expect(audit.map((e) => e.action)).toEqual([
        'pairing.paired',
        'pairing.paired',
        'pairing.paired',
        'pairing.ended',
      ]);
    });

    it('refuses pairing to anyone but the sending branch’s secretary, and committee members of other branches', async () => {
      const m = await member();
      const other = await member(w.branchA2);
      const body = { committeeAccountId: staff.committee.accountId, memberIds: [m.member.id] };
      const refusals: [string, () => request.Test, number, string][] = [
        ['the committee member', () => post(tokens.committee, PairingRoutes.pair, body), 403, ErrorCode.FORBIDDEN],
        ['another county’s secretary', () => post(tokens.secB, PairingRoutes.pair, body), 404, ErrorCode.NOT_FOUND],
        ['the receiving secretary', () => post(tokens.secMobile, PairingRoutes.pair, body), 404, ErrorCode.NOT_FOUND],
        ['a member', () => post(m.token, PairingRoutes.pair, body), 404, ErrorCode.NOT_FOUND],
        [
          'a committee member of another branch',
          () => post(tokens.secA1, PairingRoutes.pair, { ...body, committeeAccountId: staff.committeeA2.accountId }),
          400,
          ErrorCode.PAIRING_NOT_COMMITTEE,
        ],
        [
          'members of two branches at once',
          () => post(tokens.adminA, PairingRoutes.pair, { ...body, memberIds: [m.member.id, other.member.id] }),
          400,
          ErrorCode.PAIRING_MIXED_BRANCHES,
        ],
        [
          'an unknown field',
          () => post(tokens.secA1, PairingRoutes.pair, { ...body, since: '2020-01-01' }),
          400,
          ErrorCode.UNKNOWN_FIELD,
        ],
        [
          'the board for another county',
          () => get(tokens.secB, route(PairingRoutes.branchMembers, { branchId: w.branchA1.id })),
          404,
          ErrorCode.NOT_FOUND,
        ],
        [
          'the board for the receiving side',
          () => get(tokens.secMobile, route(PairingRoutes.branchCommittee, { branchId: w.branchA1.id })),
          404,
          ErrorCode.NOT_FOUND,
        ],
        [
          'the board for a member',
          () => get(m.token, route(PairingRoutes.branchMembers, { branchId: w.branchA1.id })),
          404,
          ErrorCode.NOT_FOUND,
        ],
      ];
      for (const [what, attempt, status, code] of refusals) {
        const res = await attempt();
        expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      }
      // The org admin above may pair; the committee member may not change or end a pairing.
      const [p] = (await post(tokens.adminA, PairingRoutes.pair, body)).body as PairingView[];
      expect(p.memberId).toBe(m.member.id);
      expect((await patch(tokens.committee, route(PairingRoutes.one, { id: p.id }), { abroad: true })).status).toBe(
        403,
      );
      expect((await post(tokens.committee, route(PairingRoutes.end, { id: p.id }))).status).toBe(403);
      expect((await post(tokens.secB, route(PairingRoutes.end, { id: p.id }))).status).toBe(404);
      expect((await post(tokens.secMobile, route(PairingRoutes.end, { id: p.id }))).status).toBe(404);
    });
  });

  describe('the contact log', () => {
    it('lets the paired committee member log contacts with an encrypted note, moving the due day', async () => {
      const m = await awaySince(new Date(Date.now() - 3 * DAY));
      const [p] = await at(new Date(Date.now() - 20 * DAY), () => pair([m.member.id]));
      const contactedAt = new Date(Date.now() - 2 * DAY);
      const planned = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
      const res = await contact(tokens.committee, m.member.id, {
        method: 'wechat',
        contactedAt: contactedAt.toISOString(),
        nextContactOn: planned,
      });
      expect(res.status).toBe(201);
      expect(res.body as ContactLogEntry).toMatchObject({
        method: 'wechat',
        reached: true,
        note: '已在上海闵行区七宝镇找到工作，一切正常',
        byAccountId: staff.committee.accountId,
      });
      const stored = await sql<{ note_cipher: string }>(`SELECT note_cipher FROM pairing_contacts WHERE id = $1`, [
        res.body.id,
      ]);
      expect(stored[0].note_cipher).not.toContain('七宝');

      const view = (await get(tokens.secA1, route(PairingRoutes.member, { memberId: m.member.id })))
        .body as MemberPairingView;
      // The planned day is earlier than a month after the contact, so it wins.
      expect(view.current?.nextDueOn).toBe(planned);
      expect(view.current?.lastContactAt).toBe(contactedAt.toISOString());
      expect(view.current?.id).toBe(p.id);

      // A failed attempt is logged and changes nothing else.
      const failed = await contact(tokens.committee, m.member.id, { reached: false, note: undefined });
      expect(failed.status).toBe(201);
      const unchanged = (await get(tokens.secA1, route(PairingRoutes.member, { memberId: m.member.id })))
        .body as MemberPairingView;
      expect(unchanged.current?.lastContactAt).toBe(contactedAt.toISOString());

      // The secretary logs for the member too, and both read the log, newest first, page by page.
      expect((await contact(tokens.secA1, m.member.id, { method: 'visit' })).status).toBe(201);
      const page1 = await get(tokens.committee, `${route(PairingRoutes.contacts, { memberId: m.member.id })}?limit=2`);
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((e: ContactLogEntry) => e.method)).toEqual(['visit', 'phone']);
      const page2 = await get(
        tokens.secA1,
        `${route(PairingRoutes.contacts, { memberId: m.member.id })}?limit=2&cursor=${page1.body.nextCursor}`,
      );
      expect(page2.body.items.map((e: ContactLogEntry) => e.method)).toEqual(['wechat']);
      expect(page2.body.nextCursor).toBeUndefined();
    });

    it('shows the log and takes entries only from the sending side’s secretary and the paired committee member', async () => {
      const m = await member();
      await pair([m.member.id]);
      const path = route(PairingRoutes.contacts, { memberId: m.member.id });
      const refusals: [string, () => request.Test, number, string][] = [
        ['a committee member not paired', () => get(tokens.committee2, path), 403, ErrorCode.PAIRING_NOT_PAIRED],
        [
          'a committee member not paired, logging',
          () => contact(tokens.committee2, m.member.id),
          403,
          ErrorCode.PAIRING_NOT_PAIRED,
        ],
        ['another branch’s committee member', () => contact(tokens.committeeA2, m.member.id), 404, ErrorCode.NOT_FOUND],
        ['another county', () => get(tokens.secB, path), 404, ErrorCode.NOT_FOUND],
        ['the receiving side', () => get(tokens.secMobile, path), 404, ErrorCode.NOT_FOUND],
        ['the member themself', () => get(m.token, path), 404, ErrorCode.NOT_FOUND],
        ['the member logging', () => contact(m.token, m.member.id), 404, ErrorCode.NOT_FOUND],
        [
          'a contact in the future',
          () => contact(tokens.committee, m.member.id, { contactedAt: new Date(Date.now() + DAY).toISOString() }),
          400,
          ErrorCode.CONTACT_TIME_INVALID,
        ],
        [
          'a contact long ago',
          () => contact(tokens.committee, m.member.id, { contactedAt: new Date(Date.now() - 100 * DAY).toISOString() }),
          400,
          ErrorCode.CONTACT_TIME_INVALID,
        ],
        [
          'a next contact before this one',
          () => contact(tokens.committee, m.member.id, { nextContactOn: '2020-01-01' }),
          400,
          ErrorCode.CONTACT_NEXT_DATE_INVALID,
        ],
        [
          'an unknown method',
          () => contact(tokens.committee, m.member.id, { method: 'telegram' }),
          400,
          ErrorCode.VALIDATION_FAILED,
        ],
      ];
      for (const [what, attempt, status, code] of refusals) {
        const res = await attempt();
        expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      }
      expect((await get(tokens.committee, path)).status).toBe(200);
      expect((await get(tokens.adminA, path)).status).toBe(200);
      expect((await get(tokens.secMobile, route(PairingRoutes.member, { memberId: m.member.id }))).status).toBe(404);
    });
  });

  describe('cadence and overdue contacts (scheduled job)', () => {
    it('puts an overdue contact on the committee member’s own to-do once, and closes it when a contact is logged', async () => {
      const m = await awaySince(new Date(Date.now() - 60 * DAY));
      const abroad = await awaySince(new Date(Date.now() - 60 * DAY));
      await at(new Date(Date.now() - 40 * DAY), async () => {
        await pair([m.member.id]);
        await pair([abroad.member.id], staff.committee, true);
      });

      const written = await jobs.markOverdue();
      expect(written).toBeGreaterThanOrEqual(1);
      expect(await jobs.markOverdue()).toBe(0);

      const todos = (await inbox(tokens.committee)).filter((i) => i.kind === 'pairing.contact_due' && !i.doneAt);
      expect(todos.filter((i) => i.subjectId === m.member.id)).toHaveLength(1);
      expect(todos.find((i) => i.subjectId === m.member.id)?.body).toContain(m.name);
      // Abroad: six months, so not yet due.
      expect(todos.some((i) => i.subjectId === abroad.member.id)).toBe(false);
      // The committee member's own to-do, not the branch's shared inbox.
      expect((await inbox(tokens.committee2)).some((i) => i.subjectId === m.member.id)).toBe(false);
      expect((await inbox(tokens.secA1)).some((i) => i.kind === 'pairing.contact_due')).toBe(false);

      const mine = (await get(tokens.committee, PairingRoutes.mine)).body as MyPairedMember[];
      const row = mine.find((r) => r.memberId === m.member.id)!;
      expect(row).toMatchObject({ overdue: true, abroad: false });
      expect(row.daysOverdue).toBeGreaterThanOrEqual(9);
      expect(mine.find((r) => r.memberId === abroad.member.id)).toMatchObject({ overdue: false, abroad: true });
      expect(mine[0].overdue).toBe(true);
      expect((await get(m.token, PairingRoutes.mine)).status).toBe(403);
      expect((await get(tokens.secMobile, PairingRoutes.mine)).body).toEqual([]);

      expect((await contact(tokens.committee, m.member.id)).status).toBe(201);
      const closed = (await inbox(tokens.committee)).find(
        (i) => i.kind === 'pairing.contact_due' && i.subjectId === m.member.id,
      );
      expect(closed?.doneAt).not.toBeNull();
      const now = (await get(tokens.committee, PairingRoutes.mine)).body as MyPairedMember[];
      expect(now.find((r) => r.memberId === m.member.id)).toMatchObject({ overdue: false, daysOverdue: 0 });

      // Due again a month later: a new to-do for the new due day.
      await at(new Date(Date.now() + 45 * DAY), () => jobs.markOverdue());
      const again = (await inbox(tokens.committee)).filter(
        (i) => i.kind === 'pairing.contact_due' && i.subjectId === m.member.id,
      );
      expect(again.map((i) => i.doneAt === null).sort()).toEqual([false, true]);
    });

    it('sends the to-do to the branch when the committee member no longer serves there', async () => {
      const gone = await createStaff(t.app, ['branch_committee'], w.branchA1.id);
      const m = await member();
      await at(new Date(Date.now() - 40 * DAY), () => pair([m.member.id], gone));
      await withSql(t.databaseUrl, (c) =>
        c.query(`UPDATE role_grants SET revoked_at = now() WHERE account_id = $1`, [gone.accountId]),
      );
      await jobs.markOverdue();
      const todo = (await inbox(tokens.secA1)).find(
        (i) => i.kind === 'pairing.contact_due' && i.subjectId === m.member.id,
      );
      expect(todo?.body).toContain('重新安排结对');
    });

    it('lets an org set its own cadence, recomputing its pairings’ due days; the branch follows the nearest rule', async () => {
      const m = await member();
      const [p] = await pair([m.member.id]);
      const rulesPath = (orgId: string) => route(PairingRoutes.rules, { orgId });
      const defaults = (await get(tokens.secA1, rulesPath(w.branchA1.id))).body as PairingRulesView;
      expect(defaults).toMatchObject({
        rules: { contactMonths: 1, abroadContactMonths: 6, lostAfterDays: 90 },
        source: null,
        editable: true,
      });
      const rules = { contactMonths: 2, abroadContactMonths: 6, lostAfterDays: 120, dismissQuietDays: 30 };
      const refusals: [string, () => request.Test, number, string][] = [
        ['a committee member', () => put(tokens.committee, rulesPath(w.branchA1.id), rules), 403, ErrorCode.FORBIDDEN],
        ['another county', () => put(tokens.secB, rulesPath(w.countyA.id), rules), 404, ErrorCode.NOT_FOUND],
        ['the receiving side', () => get(tokens.secMobile, rulesPath(w.branchA1.id)), 404, ErrorCode.NOT_FOUND],
        [
          'a cadence out of range',
          () => put(tokens.adminA, rulesPath(w.countyA.id), { ...rules, contactMonths: 7 }),
          400,
          ErrorCode.VALIDATION_FAILED,
        ],
      ];
      for (const [what, attempt, status, code] of refusals) {
        const res = await attempt();
        expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      }
      const set = await put(tokens.adminA, rulesPath(w.countyA.id), rules);
      expect(set.status).toBe(200);
      await jobs.recompute(w.countyA.id);
      const branchRules = (await get(tokens.committee, rulesPath(w.branchA1.id))).body as PairingRulesView;
      expect(branchRules).toMatchObject({ rules, source: { orgId: w.countyA.id }, editable: false });
      const view = (await get(tokens.secA1, route(PairingRoutes.member, { memberId: m.member.id })))
        .body as MemberPairingView;
      const since = new Date(new Date(p.since).getTime() + 8 * 3600_000);
      const expected = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + 2, since.getUTCDate()));
      expect(view.current?.nextDueOn).toBe(expected.toISOString().slice(0, 10));
      // Back to the defaults for the rest of the suite.
      await put(tokens.adminA, rulesPath(w.countyA.id), {
        ...rules,
        contactMonths: 1,
        lostAfterDays: 90,
        dismissQuietDays: 60,
      });
      await jobs.recompute(w.countyA.id);
    });
  });

  describe('lost contact (失联)', () => {
    it('proposes members away and silent too long, once, for the sending secretary; contact, check-in or study keep one off', async () => {
      const silent = await awaySince(new Date(Date.now() - 100 * DAY));
      const called = await awaySince(new Date(Date.now() - 100 * DAY));
      const checkedIn = await awaySince(new Date(Date.now() - 100 * DAY));
      const recent = await awaySince(new Date(Date.now() - 20 * DAY));
      const atHome = await member();
      expect(
        (await contact(tokens.secA1, called.member.id, { contactedAt: new Date(Date.now() - 10 * DAY).toISOString() }))
          .status,
      ).toBe(201);
      // A failed attempt is no sign of life.
      expect((await contact(tokens.secA1, silent.member.id, { reached: false })).status).toBe(201);
      const [activity] = await sql<{ id: string }>(
        `INSERT INTO activities (public_code, branch_id, branch_path, kind, title, place, starts_at, ends_at, secret_cipher, created_by)
         VALUES ('PAIRT001', $1, $2, 'theme_day', '主题党日', '七宝镇', now() - interval '6 days', now() - interval '5 days', 'x', $3)
         RETURNING id`,
        [w.mobileBranch.id, w.mobileBranch.path, staff.secMobile.accountId],
      );
      await sql(
        `INSERT INTO checkins (activity_id, member_id, method, client_id, checked_in_at, recorded_by)
         VALUES ($1, $2, 'venue_code', 'pairing-test-1', now() - interval '5 days', $3)`,
        [activity.id, checkedIn.member.id, staff.secMobile.accountId],
      );

      expect(await jobs.proposeLost()).toBe(1);
      expect(await jobs.proposeLost()).toBe(0);

      const list = await get(tokens.secA1, PairingRoutes.lostProposals);
      expect(list.status).toBe(200);
      const items = list.body.items as LostProposalView[];
      expect(items.map((p) => p.memberId)).toEqual([silent.member.id]);
      expect(items[0]).toMatchObject({ memberName: silent.name, status: 'open', lastSeenAt: null, failedAttempts: 1 });
      expect(items[0].silentDays).toBeGreaterThanOrEqual(99);
      for (const m of [called, checkedIn, recent, atHome])
        expect(items.some((p) => p.memberId === m.member.id)).toBe(false);
      const todo = (await inbox(tokens.secA1)).find(
        (i) => i.kind === 'pairing.lost_proposed' && i.subjectId === silent.member.id,
      );
      expect(todo).toMatchObject({ category: 'todo', doneAt: null });

      expect(
        (await get(tokens.adminA, `${PairingRoutes.lostProposals}?orgId=${w.countyA.id}`)).body.items,
      ).toHaveLength(1);
      const refusals: [string, () => request.Test, number, string][] = [
        [
          'a committee member, listing',
          () => get(tokens.committee, PairingRoutes.lostProposals),
          403,
          ErrorCode.FORBIDDEN,
        ],
        ['a member, listing', () => get(silent.token, PairingRoutes.lostProposals), 403, ErrorCode.FORBIDDEN],
        [
          'another county’s org, listing',
          () => get(tokens.secB, `${PairingRoutes.lostProposals}?orgId=${w.countyA.id}`),
          404,
          ErrorCode.NOT_FOUND,
        ],
        [
          'a committee member, confirming',
          () => post(tokens.committee, route(PairingRoutes.confirmLost, { id: items[0].id })),
          403,
          ErrorCode.FORBIDDEN,
        ],
        [
          'the receiving side, confirming',
          () => post(tokens.secMobile, route(PairingRoutes.confirmLost, { id: items[0].id })),
          404,
          ErrorCode.NOT_FOUND,
        ],
        [
          'another county, dismissing',
          () => post(tokens.secB, route(PairingRoutes.dismissLost, { id: items[0].id }), { reason: '已联系' }),
          404,
          ErrorCode.NOT_FOUND,
        ],
        [
          'the member, confirming',
          () => post(silent.token, route(PairingRoutes.confirmLost, { id: items[0].id })),
          404,
          ErrorCode.NOT_FOUND,
        ],
        [
          'a dismissal with no reason',
          () => post(tokens.secA1, route(PairingRoutes.dismissLost, { id: items[0].id })),
          400,
          ErrorCode.VALIDATION_FAILED,
        ],
      ];
      for (const [what, attempt, status, code] of refusals) {
        const res = await attempt();
        expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      }
      expect((await get(tokens.secMobile, PairingRoutes.lostProposals)).body.items).toEqual([]);
    });

    it('dismissing keeps a member off the list for the quiet period; confirming marks the flow lost through the flow rules', async () => {
      const m = await awaySince(new Date(Date.now() - 120 * DAY));
      await jobs.proposeLost();
      const find = async () =>
        ((await get(tokens.secA1, `${PairingRoutes.lostProposals}?limit=100`)).body.items as LostProposalView[]).find(
          (p) => p.memberId === m.member.id,
        );
      const first = (await find())!;
      const dismissed = await post(tokens.secA1, route(PairingRoutes.dismissLost, { id: first.id }), {
        reason: '经其家属联系上，在深圳务工',
      });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toMatchObject({ status: 'dismissed' });
      const stored = await sql<{ reason_cipher: string }>(
        `SELECT reason_cipher FROM lost_contact_proposals WHERE id = $1`,
        [first.id],
      );
      expect(stored[0].reason_cipher).not.toContain('深圳');
      const again = await post(tokens.secA1, route(PairingRoutes.confirmLost, { id: first.id }));
      expect([again.status, again.body.code]).toEqual([409, ErrorCode.LOST_PROPOSAL_CLOSED]);
      expect(
        (await inbox(tokens.secA1)).find((i) => i.kind === 'pairing.lost_proposed' && i.subjectId === m.member.id)
          ?.doneAt,
      ).not.toBeNull();

      await jobs.proposeLost();
      expect(await find()).toBeUndefined();
      // After the quiet period (60 days by default) the scan proposes the member again.
      await at(new Date(Date.now() + 61 * DAY), () => jobs.proposeLost());
      const second = (await find())!;
      expect(second.id).not.toBe(first.id);

      const confirmed = await post(tokens.secA1, route(PairingRoutes.confirmLost, { id: second.id }), {
        reason: '多次联系未果',
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed' });
      const flow = await sql<{ status: string }>(`SELECT status FROM flows WHERE id = $1`, [m.flowId]);
      expect(flow[0].status).toBe('lost_contact');
      const transitions = await sql<{ action: string; reason: string }>(
        `SELECT action, reason FROM flow_transitions WHERE flow_id = $1 ORDER BY at DESC LIMIT 1`,
        [m.flowId],
      );
      expect(transitions[0]).toEqual({ action: 'mark_lost', reason: '多次联系未果' });
      const twice = await post(tokens.secA1, route(PairingRoutes.confirmLost, { id: second.id }));
      expect([twice.status, twice.body.code]).toEqual([409, ErrorCode.LOST_PROPOSAL_CLOSED]);
      // Lost contact is not away: no new proposal.
      await at(new Date(Date.now() + 200 * DAY), () => jobs.proposeLost());
      expect(await find()).toBeUndefined();
    });

    it('closes a proposal when the member is reached, or when they are no longer away', async () => {
      const reached = await awaySince(new Date(Date.now() - 100 * DAY));
      const returned = await awaySince(new Date(Date.now() - 100 * DAY));
      await jobs.proposeLost();
      const open = (await get(tokens.secA1, `${PairingRoutes.lostProposals}?limit=100`)).body
        .items as LostProposalView[];
      const ofReturned = open.find((p) => p.memberId === returned.member.id)!;
      expect(open.some((p) => p.memberId === reached.member.id)).toBe(true);

      expect((await contact(tokens.secA1, reached.member.id)).status).toBe(201);
      const rows = await sql<{ status: string }>(`SELECT status FROM lost_contact_proposals WHERE member_id = $1`, [
        reached.member.id,
      ]);
      expect(rows.map((r) => r.status)).toEqual(['resolved']);

      const back = await post(tokens.secA1, `/api/flows/${returned.flowId}/actions`, { action: 'return' });
      expect(back.status).toBe(200);
      const listed = (await get(tokens.secA1, `${PairingRoutes.lostProposals}?limit=100`)).body
        .items as LostProposalView[];
      expect(listed.some((p) => p.memberId === returned.member.id)).toBe(false);
      const stale = await post(tokens.secA1, route(PairingRoutes.confirmLost, { id: ofReturned.id }));
      expect([stale.status, stale.body.code]).toEqual([409, ErrorCode.LOST_PROPOSAL_STALE]);
      const closed = await post(tokens.secA1, route(PairingRoutes.dismissLost, { id: ofReturned.id }), {
        reason: '已返乡',
      });
      expect([closed.status, closed.body.code]).toEqual([409, ErrorCode.LOST_PROPOSAL_CLOSED]);
    });
  });
});
