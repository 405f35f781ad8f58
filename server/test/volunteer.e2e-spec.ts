import { createHmac } from 'node:crypto';
import request from 'supertest';
import {
  CheckinRoutes,
  ErrorCode,
  ROTATING_MAC_LENGTH,
  VolunteerRoutes,
  base64UrlPrefix,
  formatPersonalCode,
  timeStep,
  type AreaView,
  type BoardCardView,
  type InboxItem,
  type MyCardView,
  type NeedMatchView,
  type NeedView,
  type Paginated,
  type PersonalCodeKey,
  type ReserveEntryView,
  type ReturnPledgeView,
  type ServiceView,
  type SkillView,
  type VolunteerRequestView,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import type { Org } from '../src/orgs/org.entity.js';
import { withSql } from './support/database.js';
import {
  createMember,
  createOrg,
  createStaff,
  createWorld,
  memberToken,
  staffToken,
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type World = Awaited<ReturnType<typeof createWorld>>;
type Person = MemberFixture & { token: string };

const path = (route: string, id: string) => route.replace(':id', id);
const AVAILABLE_WEEKENDS = { days: [6, 7], slots: ['morning', 'afternoon'] };
/** A Saturday morning in Beijing, well ahead of any test clock. */
const SATURDAY_9 = '2030-06-08T09:00:00+08:00';
const SATURDAY_11 = '2030-06-08T11:00:00+08:00';

/** A 1×1 PNG with a tEXt chunk naming someone, which must not be stored. */
function pngWithText(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])),
    chunk('tEXt', Buffer.from('Author\0张三 13912345678', 'utf8')),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('Volunteering: skill cards, the board, requests, needs, services and 雁归', () => {
  let t: TestApp;
  let w: World;
  let community: Org;
  let otherCommunity: Org;
  let communityBranch: Org;
  let plumber: Person;
  let lawyer: Person;
  let residentToken: string;
  let otherResidentToken: string;
  let tokens: Record<
    'communityStaff' | 'farStaff' | 'secretaryB' | 'secretaryA1' | 'adminA' | 'adminB' | 'sysadmin',
    string
  >;
  /** Every body a resident received, to search for the member's personal data. */
  const seenByRequester: unknown[] = [];

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, url: string) => request(t.url).get(url).set(auth(token));
  const post = (token: string, url: string, body: object = {}) => request(t.url).post(url).set(auth(token)).send(body);
  const patch = (token: string, url: string, body: object) => request(t.url).patch(url).set(auth(token)).send(body);
  const put = (token: string, url: string, body: object) => request(t.url).put(url).set(auth(token)).send(body);
  const del = (token: string, url: string) => request(t.url).delete(url).set(auth(token));

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

  async function person(branch: Org, name: string): Promise<Person> {
    const fixture = await createMember(t.app, branch, { name });
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  async function card(p: Person, body: object = {}): Promise<MyCardView> {
    const res = await post(p.token, VolunteerRoutes.myCards, {
      skillCodes: ['plumbing_electrical'],
      description: '二十年水电安装经验，能修水管、换开关',
      areaId: community.id,
      availability: AVAILABLE_WEEKENDS,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as MyCardView;
  }

  async function inbox(token: string): Promise<InboxItem[]> {
    const res = await get(token, '/api/inbox');
    expect(res.status).toBe(200);
    return (res.body as { items: InboxItem[] }).items;
  }

  async function need(token: string, body: object = {}): Promise<NeedView> {
    const res = await post(token, VolunteerRoutes.needs, {
      orgId: community.id,
      skillCode: 'plumbing_electrical',
      title: '老旧小区水管检修',
      place: '七宝社区 3 号楼',
      startsAt: SATURDAY_9,
      endsAt: SATURDAY_11,
      headcount: 2,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as NeedView;
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t.app);
    community = await createOrg(t.app, w.street, 'village', '七宝社区', 'community');
    otherCommunity = await createOrg(t.app, w.street, 'village', '新镇社区', 'community');
    communityBranch = await createOrg(t.app, community, 'branch', '七宝社区党支部');
    plumber = await person(w.branchA1, '刘建国');
    lawyer = await person(w.branchA2, '王法');
    residentToken = await memberToken(t, null);
    otherResidentToken = await memberToken(t, null);
    const staff = async (roles: Parameters<typeof createStaff>[1], org: Org | null) =>
      staffToken(t, await createStaff(t.app, roles, org?.id ?? null));
    tokens = {
      communityStaff: await staff(['community_staff'], community),
      farStaff: await staff(['community_staff'], w.villageB),
      secretaryB: await staff(['branch_secretary'], w.branchB),
      secretaryA1: await staff(['branch_secretary'], w.branchA1),
      adminA: await staff(['org_admin'], w.countyA),
      adminB: await staff(['org_admin'], w.countyB),
      sysadmin: await staff(['system_admin'], null),
    };
  });

  afterAll(async () => {
    t.app.get(Clock).now = Clock.prototype.now;
    await t?.close();
  });

  describe('the skill taxonomy', () => {
    it('is seeded with the common skills, in order', async () => {
      const res = await get(residentToken, VolunteerRoutes.skills);
      expect(res.status).toBe(200);
      const labels = (res.body as SkillView[]).map((s) => s.label);
      expect(labels.slice(0, 4)).toEqual(['水电维修', '家电维修', '装修', '法律咨询']);
      expect(labels).toEqual(expect.arrayContaining(['电商直播', '心理疏导', '驾驶运输', '翻译', '文艺宣传']));
    });

    it('lets a system admin add and disable a skill, and nobody else', async () => {
      expect((await post(tokens.adminA, VolunteerRoutes.skills, { code: 'pet_care', label: '宠物照料' })).status).toBe(
        403,
      );
      expect((await post(plumber.token, VolunteerRoutes.skills, { code: 'pet_care', label: '宠物照料' })).status).toBe(
        403,
      );
      const added = await post(tokens.sysadmin, VolunteerRoutes.skills, { code: 'pet_care', label: '宠物照料' });
      expect(added.status).toBe(201);
      expect((await post(tokens.sysadmin, VolunteerRoutes.skills, { code: 'pet_care', label: '别的' })).body.code).toBe(
        ErrorCode.SKILL_CODE_TAKEN,
      );
      expect((await post(tokens.sysadmin, VolunteerRoutes.skills, { code: 'Bad Code', label: 'x' })).status).toBe(400);
      expect((await patch(tokens.secretaryA1, '/api/volunteer/skills/pet_care', { disabled: true })).status).toBe(403);
      const disabled = await patch(tokens.sysadmin, '/api/volunteer/skills/pet_care', { disabled: true });
      expect(disabled.status).toBe(200);
      expect((await patch(tokens.sysadmin, '/api/volunteer/skills/no_such', { disabled: true })).status).toBe(404);
      const offered = (await get(plumber.token, VolunteerRoutes.skills)).body as SkillView[];
      expect(offered.map((s) => s.code)).not.toContain('pet_care');
      const refused = await post(plumber.token, VolunteerRoutes.myCards, {
        skillCodes: ['pet_care'],
        description: '会照顾猫狗',
        areaId: community.id,
        availability: AVAILABLE_WEEKENDS,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(ErrorCode.SKILL_UNKNOWN);
    });
  });

  describe('skill cards and the board', () => {
    let plumberCard: MyCardView;

    it('offers communities to pick, one level at a time', async () => {
      const res = await get(residentToken, `${VolunteerRoutes.areas}?parentId=${w.street.id}`);
      expect(res.status).toBe(200);
      const areas = res.body as AreaView[];
      expect(areas.find((a) => a.id === community.id)).toMatchObject({ name: '七宝社区', selectable: true });
      // Branches are not areas.
      expect(areas.map((a) => a.id)).not.toContain(w.mobileBranch.id);
    });

    it('lets a member post a card, and refuses bad ones with 4xx', async () => {
      plumberCard = await card(plumber, { extraSkills: '管道疏通', regionText: '七宝镇及周边' });
      expect(plumberCard).toMatchObject({
        memberName: '刘建国',
        status: 'active',
        skills: [{ code: 'plumbing_electrical', label: '水电维修' }],
        areaName: '七宝社区',
        hasPhoto: false,
      });
      const bad = async (body: object, code: string = ErrorCode.VALIDATION_FAILED) => {
        const res = await post(lawyer.token, VolunteerRoutes.myCards, {
          skillCodes: ['legal_advice'],
          description: '执业律师',
          areaId: community.id,
          availability: AVAILABLE_WEEKENDS,
          ...body,
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.code).toBe(code);
      };
      await bad({ skillCodes: [] });
      await bad({ skillCodes: ['no_such_skill'] }, ErrorCode.SKILL_UNKNOWN);
      await bad({ description: '' });
      await bad({ description: '长'.repeat(501) });
      await bad({ areaId: communityBranch.id }, ErrorCode.VOLUNTEER_AREA_INVALID);
      await bad({ areaId: w.countyA.id }, ErrorCode.VOLUNTEER_AREA_INVALID);
      await bad({ availability: { days: [8], slots: [] } });
      await bad({ availability: { days: [1], slots: ['midnight'] } });
      await bad({ phone: '13912345678' }, ErrorCode.UNKNOWN_FIELD);
    });

    it('refuses accounts not bound to the roster, and a fourth card', async () => {
      const res = await post(residentToken, VolunteerRoutes.myCards, {
        skillCodes: ['legal_advice'],
        description: '热心居民',
        areaId: community.id,
        availability: AVAILABLE_WEEKENDS,
      });
      expect(res.status).toBe(403);
      const busy = await person(w.branchA1, '赵多');
      for (let i = 0; i < 3; i += 1) await card(busy, { skillCodes: ['housekeeping'], areaId: otherCommunity.id });
      const fourth = await post(busy.token, VolunteerRoutes.myCards, {
        skillCodes: ['housekeeping'],
        description: '第四张',
        areaId: otherCommunity.id,
        availability: AVAILABLE_WEEKENDS,
      });
      expect(fourth.status).toBe(409);
      expect(fourth.body.code).toBe(ErrorCode.SKILL_CARD_LIMIT);
    });

    it('shows the card on its community board and the street board, masked, and filters by skill', async () => {
      const lawyerCard = await card(lawyer, { skillCodes: ['legal_advice'], description: '执业律师，劳动纠纷咨询' });
      const board = await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${community.id}`);
      expect(board.status).toBe(200);
      seenByRequester.push(board.body);
      const items = (board.body as Paginated<BoardCardView>).items;
      expect(items.map((c) => c.id)).toEqual([lawyerCard.id, plumberCard.id]);
      expect(items.find((c) => c.id === plumberCard.id)!.memberName).toBe('刘*国');
      const street = await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${w.street.id}`);
      expect((street.body as Paginated<BoardCardView>).items.map((c) => c.id)).toContain(plumberCard.id);
      const other = await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${w.villageB.id}`);
      expect((other.body as Paginated<BoardCardView>).items).toEqual([]);
      const legal = await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${community.id}&skill=legal_advice`);
      expect((legal.body as Paginated<BoardCardView>).items.map((c) => c.id)).toEqual([lawyerCard.id]);
      const paged = await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${community.id}&limit=1`);
      const next = await get(
        residentToken,
        `${VolunteerRoutes.boardCards}?areaId=${community.id}&limit=1&cursor=${paged.body.nextCursor}`,
      );
      expect((next.body as Paginated<BoardCardView>).items.map((c) => c.id)).toEqual([plumberCard.id]);
      expect((await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=not-a-uuid`)).status).toBe(400);
      expect((await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${community.id}&cursor=bad`)).status).toBe(
        400,
      );
    });

    it('hides a paused card from everyone but its owner, and only the owner edits it', async () => {
      const mine = await card(lawyer, { skillCodes: ['translation'], description: '英语翻译' });
      expect((await patch(plumber.token, path(VolunteerRoutes.myCard, mine.id), { status: 'paused' })).status).toBe(
        404,
      );
      expect((await patch(residentToken, path(VolunteerRoutes.myCard, mine.id), { status: 'paused' })).status).toBe(
        403,
      );
      const paused = await patch(lawyer.token, path(VolunteerRoutes.myCard, mine.id), { status: 'paused' });
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('paused');
      const hidden = await get(residentToken, path(VolunteerRoutes.card, mine.id));
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe(ErrorCode.SKILL_CARD_NOT_FOUND);
      expect((await get(lawyer.token, path(VolunteerRoutes.card, mine.id))).status).toBe(200);
      const board = await get(residentToken, `${VolunteerRoutes.boardCards}?areaId=${community.id}&skill=translation`);
      expect((board.body as Paginated<BoardCardView>).items).toEqual([]);
      const edited = await patch(lawyer.token, path(VolunteerRoutes.myCard, mine.id), {
        status: 'active',
        availability: { days: [1, 3], slots: ['evening'], note: '下班后' },
      });
      expect(edited.body).toMatchObject({
        status: 'active',
        availability: { days: [1, 3], slots: ['evening'], note: '下班后' },
      });
    });

    it('takes a photo of the declared type only, and strips its metadata', async () => {
      const url = path(VolunteerRoutes.cardPhoto, plumberCard.id);
      const png = pngWithText();
      const wrongType = await put(plumber.token, url, {
        contentType: 'image/jpeg',
        dataBase64: png.toString('base64'),
      });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.code).toBe(ErrorCode.CARD_PHOTO_INVALID);
      const gif = await put(plumber.token, url, {
        contentType: 'image/png',
        dataBase64: Buffer.from('GIF89a....').toString('base64'),
      });
      expect(gif.body.code).toBe(ErrorCode.CARD_PHOTO_INVALID);
      const huge = await put(plumber.token, url, {
        contentType: 'image/png',
        dataBase64: Buffer.alloc(700 * 1024, 1).toString('base64'),
      });
      expect(huge.status).toBe(400);
      expect(
        (await put(lawyer.token, url, { contentType: 'image/png', dataBase64: png.toString('base64') })).status,
      ).toBe(404);
      const ok = await put(plumber.token, url, { contentType: 'image/png', dataBase64: png.toString('base64') });
      expect(ok.status).toBe(200);
      expect(ok.body.hasPhoto).toBe(true);
      const read = await get(residentToken, url);
      expect(read.status).toBe(200);
      const stored = Buffer.from(read.body.dataBase64 as string, 'base64');
      expect(stored.length).toBeLessThan(png.length);
      expect(stored.toString('utf8')).not.toContain('张三');
      expect(stored.toString('latin1')).not.toContain('13912345678');
    });
  });

  describe('requests, services and points', () => {
    let plumberCardId: string;
    let requestId: string;
    let serviceId: string;
    let clock: Clock;

    beforeAll(async () => {
      plumberCardId = ((await get(plumber.token, VolunteerRoutes.myCards)).body as MyCardView[])[0].id;
      clock = t.app.get(Clock);
    });

    it('lets a resident ask, and gives the member a to-do', async () => {
      const bad = await post(residentToken, VolunteerRoutes.requests, {
        cardId: plumberCardId,
        message: '',
        place: 'x',
      });
      expect(bad.status).toBe(400);
      const res = await post(residentToken, VolunteerRoutes.requests, {
        cardId: plumberCardId,
        message: '厨房水管漏水，想请师傅帮忙看看',
        place: '七宝社区 5 号楼 302',
        preferredTime: '周六上午',
      });
      expect(res.status).toBe(201);
      seenByRequester.push(res.body);
      const view = res.body as VolunteerRequestView;
      expect(view).toMatchObject({ status: 'pending', role: 'requester', card: { memberName: '刘*国' } });
      requestId = view.id;
      const again = await post(residentToken, VolunteerRoutes.requests, {
        cardId: plumberCardId,
        message: '再问一次',
        place: '同上',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.VOLUNTEER_REQUEST_STATE);
      const todo = (await inbox(plumber.token)).find((i) => i.subjectId === requestId);
      expect(todo).toMatchObject({ category: 'todo', kind: 'volunteer.request', doneAt: null });
      const received = await get(plumber.token, VolunteerRoutes.receivedRequests);
      expect((received.body as Paginated<VolunteerRequestView>).items[0]).toMatchObject({
        id: requestId,
        role: 'member',
        place: '七宝社区 5 号楼 302',
      });
      const sent = await get(residentToken, VolunteerRoutes.sentRequests);
      seenByRequester.push(sent.body);
      expect((sent.body as Paginated<VolunteerRequestView>).items.map((r) => r.id)).toEqual([requestId]);
    });

    it('refuses a request to one’s own card and asks on behalf of an org only for staff of it', async () => {
      const self = await post(plumber.token, VolunteerRoutes.requests, {
        cardId: plumberCardId,
        message: 'x',
        place: 'y',
      });
      expect(self.status).toBe(400);
      expect(self.body.code).toBe(ErrorCode.VOLUNTEER_REQUEST_SELF);
      const notTheirs = await post(tokens.farStaff, VolunteerRoutes.requests, {
        cardId: plumberCardId,
        message: '社区需要',
        place: 'y',
        onBehalfOfOrgId: community.id,
      });
      expect(notTheirs.status).toBe(404);
    });

    it('lets only the member decide and only the requester withdraw', async () => {
      const url = (action: string) => `/api/volunteer/requests/${requestId}/${action}`;
      expect((await get(otherResidentToken, path(VolunteerRoutes.request, requestId))).status).toBe(404);
      expect((await post(otherResidentToken, url('withdraw'))).status).toBe(404);
      expect((await post(otherResidentToken, url('accept'))).status).toBe(404);
      expect((await post(lawyer.token, url('accept'))).status).toBe(404);
      expect((await post(tokens.communityStaff, url('accept'))).status).toBe(404);
      const byRequester = await post(residentToken, url('accept'));
      expect(byRequester.status).toBe(403);
      expect((await post(plumber.token, url('withdraw'))).status).toBe(403);
      const accepted = await post(plumber.token, url('accept'));
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
      serviceId = accepted.body.serviceId as string;
      expect(serviceId).toEqual(expect.any(String));
      const twice = await post(plumber.token, url('decline'));
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe(ErrorCode.VOLUNTEER_REQUEST_STATE);
      expect((await post(residentToken, url('withdraw'))).body.code).toBe(ErrorCode.VOLUNTEER_REQUEST_STATE);
      const todo = (await inbox(plumber.token)).find((i) => i.subjectId === requestId);
      expect(todo!.doneAt).not.toBeNull();
      const seen = await get(residentToken, path(VolunteerRoutes.request, requestId));
      seenByRequester.push(seen.body);
      expect(seen.body.status).toBe('accepted');
    });

    it('checks in and out only when the recipient scans this member’s personal code', async () => {
      const scan = (token: string, code: string, direction: 'in' | 'out') =>
        post(token, path(VolunteerRoutes.serviceScan, serviceId), { code, direction });
      const own = await scan(plumber.token, await personalCode(plumber.token), 'in');
      expect(own.status).toBe(403);
      expect((await scan(otherResidentToken, await personalCode(plumber.token), 'in')).status).toBe(404);
      const wrongMember = await scan(residentToken, await personalCode(lawyer.token), 'in');
      expect(wrongMember.status).toBe(409);
      expect(wrongMember.body.code).toBe(ErrorCode.SERVICE_WRONG_MEMBER);
      expect((await scan(residentToken, 'not a code', 'in')).body.code).toBe(ErrorCode.CODE_MALFORMED);
      const stale = await scan(
        residentToken,
        await personalCode(plumber.token, new Date(Date.now() - 10 * 60_000)),
        'in',
      );
      expect(stale.body.code).toBe(ErrorCode.CODE_EXPIRED);
      const early = await scan(residentToken, await personalCode(plumber.token), 'out');
      expect(early.body.code).toBe(ErrorCode.SERVICE_STATE);
      const checkedIn = await scan(residentToken, await personalCode(plumber.token), 'in');
      expect(checkedIn.status).toBe(200);
      seenByRequester.push(checkedIn.body);
      expect(checkedIn.body.status).toBe('in_progress');
      const start = Date.now();
      clock.now = () => new Date(start + 95 * 60_000);
      try {
        const out = await scan(residentToken, await personalCode(plumber.token, clock.now()), 'out');
        expect(out.status).toBe(200);
        seenByRequester.push(out.body);
        expect(out.body).toMatchObject({ status: 'completed', minutes: 95 });
      } finally {
        clock.now = Clock.prototype.now;
      }
    });

    it('is confirmed and rated by the recipient alone, and the points follow once', async () => {
      const url = path(VolunteerRoutes.confirmService, serviceId);
      const own = await post(plumber.token, url, { rating: 5 });
      expect(own.status).toBe(403);
      expect((await post(otherResidentToken, url, { rating: 5 })).status).toBe(404);
      expect((await post(tokens.communityStaff, url, { rating: 5 })).status).toBe(404);
      expect((await post(residentToken, url, { rating: 6 })).status).toBe(400);
      expect((await post(residentToken, url, { rating: 0 })).status).toBe(400);
      const confirmed = await post(residentToken, url, { rating: 5, comment: '修得很好' });
      expect(confirmed.status).toBe(200);
      seenByRequester.push(confirmed.body);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', rating: 5, ratingComment: '修得很好' });
      const again = await post(residentToken, url, { rating: 4 });
      expect(again.body.code).toBe(ErrorCode.SERVICE_STATE);
      const entries = await withSql(t.databaseUrl, (c) =>
        c.query(`SELECT source, quantity, amount FROM points_entries WHERE source_ref = $1 ORDER BY source`, [
          serviceId,
        ]),
      );
      expect(entries.rows.map((r: { source: string; quantity: number }) => [r.source, r.quantity])).toEqual([
        ['service_hours', 95],
        ['service_rating', 5],
      ]);
      for (const r of entries.rows as { amount: number }[]) expect(r.amount).toBeGreaterThan(0);
      const mine = await get(plumber.token, VolunteerRoutes.myServices);
      expect((mine.body as Paginated<ServiceView>).items[0]).toMatchObject({ id: serviceId, memberName: '刘建国' });
      const received = await get(residentToken, VolunteerRoutes.receivedServices);
      seenByRequester.push(received.body);
      expect((received.body as Paginated<ServiceView>).items.map((s) => s.id)).toEqual([serviceId]);
      const card = await get(residentToken, path(VolunteerRoutes.card, plumberCardId));
      seenByRequester.push(card.body);
      expect(card.body).toMatchObject({ servicesConfirmed: 1, ratingAverage: 5 });
      expect((await inbox(plumber.token)).some((i) => i.kind === 'volunteer.confirmed')).toBe(true);
    });

    it('never shows the requester the member’s phone, ID number, full name or member id', () => {
      expect(seenByRequester.length).toBeGreaterThanOrEqual(9);
      const text = JSON.stringify(seenByRequester);
      expect(text).not.toContain(plumber.phone);
      expect(text).not.toContain(plumber.phone.slice(-4) + '"');
      expect(text).not.toContain(plumber.idNumber);
      expect(text).not.toContain(plumber.idNumber.slice(0, 6));
      expect(text).not.toContain('刘建国');
      expect(text).not.toContain(plumber.member.id);
      expect(text).toContain('刘*国');
    });

    it('lets either side call off a service not yet begun, and only them', async () => {
      const req = await post(otherResidentToken, VolunteerRoutes.requests, {
        cardId: plumberCardId,
        message: '换个灯泡',
        place: '七宝社区 1 号楼',
      });
      const accepted = await post(plumber.token, `/api/volunteer/requests/${req.body.id}/accept`);
      const id = accepted.body.serviceId as string;
      expect((await post(residentToken, path(VolunteerRoutes.cancelService, id))).status).toBe(404);
      const cancelled = await post(otherResidentToken, path(VolunteerRoutes.cancelService, id));
      expect(cancelled.body.status).toBe('cancelled');
      expect((await post(plumber.token, path(VolunteerRoutes.cancelService, id))).body.code).toBe(
        ErrorCode.SERVICE_STATE,
      );
    });
  });

  describe('needs, matching and sign-up', () => {
    it('are posted by staff of the community or branch, and by nobody else', async () => {
      const body = {
        orgId: community.id,
        skillCode: 'plumbing_electrical',
        title: '检修',
        place: '七宝社区',
        startsAt: SATURDAY_9,
        endsAt: SATURDAY_11,
        headcount: 2,
      };
      expect((await post(tokens.farStaff, VolunteerRoutes.needs, body)).status).toBe(404);
      expect((await post(tokens.secretaryB, VolunteerRoutes.needs, body)).status).toBe(404);
      expect((await post(residentToken, VolunteerRoutes.needs, body)).status).toBe(404);
      expect((await post(plumber.token, VolunteerRoutes.needs, body)).status).toBe(404);
      const bad = async (over: object, code: string = ErrorCode.VALIDATION_FAILED) => {
        const res = await post(tokens.communityStaff, VolunteerRoutes.needs, { ...body, ...over });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.code).toBe(code);
      };
      await bad({ endsAt: SATURDAY_9 });
      await bad({ endsAt: '2030-06-10T09:00:00+08:00' });
      await bad({ startsAt: '2020-01-01T09:00:00+08:00', endsAt: '2020-01-01T10:00:00+08:00' });
      await bad({ headcount: 0 });
      await bad({ headcount: 201 });
      await bad({ skillCode: 'no_such' }, ErrorCode.SKILL_UNKNOWN);
      await bad({ title: '' });
      const created = await need(tokens.communityStaff);
      expect(created).toMatchObject({ status: 'open', signedUp: 0, canManage: true, orgName: '七宝社区' });
      const secretaryNeed = await post(tokens.secretaryA1, VolunteerRoutes.needs, { ...body, orgId: w.branchA1.id });
      expect(secretaryNeed.status).toBe(201);
    });

    it('appear on the board, and in the poster’s list only for its staff', async () => {
      const n = await need(tokens.communityStaff, { title: '社区义诊', skillCode: 'medical_care' });
      const board = await get(residentToken, `${VolunteerRoutes.boardNeeds}?areaId=${community.id}`);
      const items = (board.body as Paginated<NeedView>).items;
      expect(items.map((i) => i.id)).toContain(n.id);
      expect(items.find((i) => i.id === n.id)!.canManage).toBe(false);
      const filtered = await get(
        residentToken,
        `${VolunteerRoutes.boardNeeds}?areaId=${community.id}&skill=medical_care`,
      );
      expect((filtered.body as Paginated<NeedView>).items.map((i) => i.id)).toEqual([n.id]);
      const list = await get(tokens.communityStaff, `${VolunteerRoutes.needs}?orgId=${community.id}`);
      expect((list.body as Paginated<NeedView>).items.map((i) => i.id)).toContain(n.id);
      expect((await get(tokens.farStaff, `${VolunteerRoutes.needs}?orgId=${community.id}`)).status).toBe(404);
      expect((await get(residentToken, `${VolunteerRoutes.needs}?orgId=${community.id}`)).status).toBe(404);
    });

    it('suggests members by skill, area and time, and says why', async () => {
      const n = await need(tokens.communityStaff);
      const near = await person(w.branchA1, '孙近');
      const nearCard = await card(near, { areaId: otherCommunity.id, availability: { days: [6], slots: ['morning'] } });
      const busy = await person(w.branchA1, '钱忙');
      await card(busy, { availability: { days: [1, 2], slots: ['evening'] } });
      const far = await person(w.branchB, '李远');
      await card(far, { areaId: w.villageB.id });
      expect((await get(tokens.farStaff, path(VolunteerRoutes.needMatches, n.id))).status).toBe(403);
      expect((await get(residentToken, path(VolunteerRoutes.needMatches, n.id))).status).toBe(403);
      expect((await get(plumber.token, path(VolunteerRoutes.needMatches, n.id))).status).toBe(403);
      const res = await get(tokens.communityStaff, path(VolunteerRoutes.needMatches, n.id));
      expect(res.status).toBe(200);
      const matches = res.body as NeedMatchView[];
      const names = matches.map((m) => m.memberName);
      // Same community and free on Saturday mornings first; then the neighbour; then the one who is busy.
      expect(names.slice(0, 3)).toEqual(['刘*国', '孙*', '钱*']);
      expect(names).not.toContain('李*');
      // The plumber was rated 5 stars above: that counts too.
      expect(matches[0].reasons.map((r) => r.code)).toEqual([
        'skill',
        'same_area',
        'day_free',
        'slot_free',
        'well_rated',
      ]);
      expect(matches[0].reasons.map((r) => r.label)).toEqual([
        '擅长水电维修',
        '服务区域就在需求所在社区',
        '周六有空',
        '上午有空',
        '服务评价 4.5 分以上',
      ]);
      expect(matches[0].score).toBe(94);
      expect(matches.find((m) => m.cardId === nearCard.id)!.reasons.map((r) => r.code)).toContain('nearby_area');
      expect(JSON.stringify(matches)).not.toContain(plumber.phone);
      const invited = await post(tokens.communityStaff, path(VolunteerRoutes.needInvite, n.id), {
        cardId: nearCard.id,
      });
      expect(invited.status).toBe(200);
      expect((await inbox(near.token)).some((i) => i.kind === 'volunteer.invite' && i.subjectId === n.id)).toBe(true);
      expect(
        (await post(tokens.farStaff, path(VolunteerRoutes.needInvite, n.id), { cardId: nearCard.id })).status,
      ).toBe(403);
    });

    it('never takes more sign-ups than the headcount, however many come at once', async () => {
      const n = await need(tokens.communityStaff, { headcount: 3, title: '搬运物资' });
      const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => person(w.branchA2, `报名${i}`)));
      const answers = await Promise.all(crowd.map((p) => post(p.token, path(VolunteerRoutes.needSignup, n.id))));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe(ErrorCode.NEED_FULL);
      const counts = await withSql(t.databaseUrl, (c) =>
        c.query(
          `SELECT n.signed_up, (SELECT count(*)::int FROM volunteer_services v WHERE v.need_id = n.id AND v.status <> 'cancelled') AS services
             FROM volunteer_needs n WHERE n.id = $1`,
          [n.id],
        ),
      );
      expect(counts.rows[0]).toEqual({ signed_up: 3, services: 3 });
      const view = await get(residentToken, path(VolunteerRoutes.need, n.id));
      expect(view.body).toMatchObject({ status: 'full', signedUp: 3 });
      // One who got a seat gives it up: the seat is free again.
      const winner = crowd[answers.findIndex((a) => a.status === 201)];
      const serviceId = answers.find((a) => a.status === 201)!.body.id as string;
      expect((await post(residentToken, path(VolunteerRoutes.cancelService, serviceId))).status).toBe(404);
      expect((await post(winner.token, path(VolunteerRoutes.cancelService, serviceId))).body.status).toBe('cancelled');
      const late = crowd[answers.findIndex((a) => a.status === 409)];
      expect((await post(late.token, path(VolunteerRoutes.needSignup, n.id))).status).toBe(201);
    });

    it('takes one sign-up per member even when they press twice at once', async () => {
      const n = await need(tokens.communityStaff, { headcount: 5 });
      const eager = await person(w.branchA2, '急急');
      const both = await Promise.all([0, 1].map(() => post(eager.token, path(VolunteerRoutes.needSignup, n.id))));
      expect(both.map((b) => b.status).sort()).toEqual([201, 409]);
      expect(both.find((b) => b.status === 409)!.body.code).toBe(ErrorCode.NEED_ALREADY_SIGNED_UP);
      const view = await get(eager.token, path(VolunteerRoutes.need, n.id));
      expect(view.body.signedUp).toBe(1);
      expect(view.body.myServiceId).toEqual(both.find((b) => b.status === 201)!.body.id);
      expect((await post(residentToken, path(VolunteerRoutes.needSignup, n.id))).status).toBe(403);
    });

    it('records the service at the need: staff scan, confirm, and the far side cannot', async () => {
      const n = await need(tokens.communityStaff, { headcount: 1 });
      const helper = await person(w.branchA1, '周帮');
      const signup = await post(helper.token, path(VolunteerRoutes.needSignup, n.id));
      const id = signup.body.id as string;
      expect((await get(tokens.communityStaff, path(VolunteerRoutes.needServices, n.id))).body[0].memberName).toBe(
        '周*',
      );
      expect((await get(tokens.farStaff, path(VolunteerRoutes.needServices, n.id))).status).toBe(403);
      const code = await personalCode(helper.token);
      expect(
        (await post(tokens.farStaff, path(VolunteerRoutes.serviceScan, id), { code, direction: 'in' })).status,
      ).toBe(404);
      expect(
        (await post(tokens.secretaryB, path(VolunteerRoutes.serviceScan, id), { code, direction: 'in' })).status,
      ).toBe(404);
      const inScan = await post(tokens.communityStaff, path(VolunteerRoutes.serviceScan, id), {
        code,
        direction: 'in',
      });
      expect(inScan.body.status).toBe('in_progress');
      const outScan = await post(tokens.communityStaff, path(VolunteerRoutes.serviceScan, id), {
        code: await personalCode(helper.token),
        direction: 'out',
      });
      expect(outScan.body.status).toBe('completed');
      expect((await post(helper.token, path(VolunteerRoutes.confirmService, id), { rating: 5 })).status).toBe(403);
      const confirmed = await post(tokens.communityStaff, path(VolunteerRoutes.confirmService, id), { rating: 4 });
      expect(confirmed.body).toMatchObject({ status: 'confirmed', rating: 4, memberName: '周*' });
      const received = await get(tokens.communityStaff, VolunteerRoutes.receivedServices);
      expect((received.body as Paginated<ServiceView>).items.map((s) => s.id)).toContain(id);
      expect((await get(tokens.farStaff, VolunteerRoutes.receivedServices)).body.items).toEqual([]);
    });

    it('is cancelled by its poster, which calls off the services and tells the members', async () => {
      const n = await need(tokens.communityStaff, { headcount: 2 });
      const p = await person(w.branchA1, '吴取');
      await post(p.token, path(VolunteerRoutes.needSignup, n.id));
      expect((await post(tokens.farStaff, path(VolunteerRoutes.cancelNeed, n.id))).status).toBe(403);
      const cancelled = await post(tokens.communityStaff, path(VolunteerRoutes.cancelNeed, n.id));
      expect(cancelled.body.status).toBe('cancelled');
      const signup = await post(plumber.token, path(VolunteerRoutes.needSignup, n.id));
      expect(signup.body.code).toBe(ErrorCode.NEED_STATE);
      const mine = await get(p.token, VolunteerRoutes.myServices);
      expect((mine.body as Paginated<ServiceView>).items[0].status).toBe('cancelled');
      expect((await inbox(p.token)).some((i) => i.subjectId === n.id)).toBe(true);
    });
  });

  describe('雁归 returning talent', () => {
    it('puts a willing member on the reserve list of their home county, until they withdraw', async () => {
      expect((await get(plumber.token, VolunteerRoutes.myReturn)).body).toMatchObject({ active: false });
      expect((await put(plumber.token, VolunteerRoutes.myReturn, { preferredRole: 'mayor' })).status).toBe(400);
      expect((await put(residentToken, VolunteerRoutes.myReturn, { preferredRole: 'reserve_cadre' })).status).toBe(403);
      const pledged = await put(plumber.token, VolunteerRoutes.myReturn, {
        preferredRole: 'reserve_cadre',
        note: '愿意回村带领大家搞水电维修合作社',
      });
      expect(pledged.status).toBe(200);
      expect((pledged.body as ReturnPledgeView).active).toBe(true);
      const list = await get(tokens.adminA, `${VolunteerRoutes.reserve}?orgId=${w.countyA.id}`);
      expect(list.status).toBe(200);
      const entry = (list.body as Paginated<ReserveEntryView>).items.find((e) => e.memberId === plumber.member.id)!;
      expect(entry).toMatchObject({
        name: '刘建国',
        branchName: '东风村党支部',
        preferredRole: 'reserve_cadre',
        skills: [{ code: 'plumbing_electrical', label: '水电维修' }],
        extraSkills: ['管道疏通'],
        servicesConfirmed: 1,
        minutesServed: 95,
        ratingAverage: 5,
      });
      expect(JSON.stringify(list.body)).not.toContain(plumber.phone);
      expect(JSON.stringify(list.body)).not.toContain(plumber.idNumber);
      expect((await get(tokens.adminB, `${VolunteerRoutes.reserve}?orgId=${w.countyA.id}`)).status).toBe(404);
      const otherCounty = await get(tokens.adminB, `${VolunteerRoutes.reserve}?orgId=${w.countyB.id}`);
      expect((otherCounty.body as Paginated<ReserveEntryView>).items).toEqual([]);
      expect((await get(tokens.secretaryA1, `${VolunteerRoutes.reserve}?orgId=${w.branchA1.id}`)).status).toBe(403);
      expect((await get(residentToken, `${VolunteerRoutes.reserve}?orgId=${w.countyA.id}`)).status).toBe(404);
      const withdrawn = await del(plumber.token, VolunteerRoutes.myReturn);
      expect(withdrawn.body.active).toBe(false);
      const after = await get(tokens.adminA, `${VolunteerRoutes.reserve}?orgId=${w.countyA.id}`);
      expect((after.body as Paginated<ReserveEntryView>).items.map((e) => e.memberId)).not.toContain(plumber.member.id);
    });
  });
});
