import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  ErrorCode,
  StudyRoutes,
  SubscriptionRoutes,
  type HeartbeatResponse,
  type MyStudyPack,
  type MyStudyPlan,
  type OpenStudyItemResponse,
  type Paginated,
  type PairedBehindMember,
  type QuizResult,
  type StudyCompletionView,
  type StudyDeliveryView,
  type StudyItemView,
  type StudyPackView,
} from '@pioneer/shared';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { IdempotencyPurgeJob } from '../src/common/idempotency/idempotency-purge.job.js';
import { Clock } from '../src/common/time/clock.js';
import type { Org } from '../src/orgs/org.entity.js';
import { WechatOutboxService } from '../src/notifications/wechat-outbox.service.js';
import { StudyDeliveryService } from '../src/study/study-delivery.service.js';
import { StudyRemindersService } from '../src/study/study-reminders.service.js';
import { StudyRepository } from '../src/study/study.repository.js';
import { withSql } from './support/database.js';
import {
  createMember,
  createStaff,
  createWorld,
  memberToken,
  staffToken,
  type MemberFixture,
  type StaffUser,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type World = Awaited<ReturnType<typeof createWorld>>;
type Reader = MemberFixture & { token: string; openid: string };

const STUDY_TEMPLATE = 'pioneerTestStudyPack-0001';
const ARTICLE = '<h2>学习党章</h2><p>坚持<strong>全心全意</strong>为人民服务。</p>';
const QUIZ = [
  { text: '党的根本宗旨是？', options: ['全心全意为人民服务', '发展经济'], answer: 0 },
  { text: '流动党员外出前应当？', options: ['不用报告', '向党支部报告', '自行决定'], answer: 1 },
  { text: '思想汇报多久一次？', options: ['每年', '每半年', '每月'], answer: 1 },
];
/** Script in any of these shapes must never reach a reader. */
const XSS_PAYLOADS: [string, string][] = [
  ['a script element', '<p>正文</p><script>alert(document.cookie)</script>'],
  ['an image with onerror', '<img src="x" onerror="alert(1)"><p>正文</p>'],
  ['an https image with onerror', '<img src="https://img.example.cn/a.png" onerror="alert(1)"><p>正文</p>'],
  ['a javascript: link', '<a href="javascript:alert(1)">点这里</a>'],
  ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">点这里</a>'],
  ['an iframe', '<iframe src="https://evil.example/"></iframe><p>正文</p>'],
  ['an svg with onload', '<svg onload="alert(1)"><script>alert(2)</script></svg><p>正文</p>'],
  ['a style expression', '<p style="background:url(javascript:alert(1));width:expression(alert(1))">正文</p>'],
  ['a style element', '<style>*{background:url("javascript:alert(1)")}</style><p>正文</p>'],
  ['an event handler on text', '<p onmouseover="alert(1)">正文</p>'],
  ['a data: image', '<img src="data:image/svg+xml,<svg onload=alert(1)>"><p>正文</p>'],
  ['a body onload', '<body onload="alert(1)"><p>正文</p></body>'],
];
const FORBIDDEN_IN_BODY = [
  /<script/i,
  /onerror/i,
  /onload/i,
  /onmouseover/i,
  /javascript:/i,
  /<iframe/i,
  /<svg/i,
  /<style/i,
  /style=/i,
  /expression\(/i,
  /data:/i,
];

describe('Study packs: authoring, delivery, reading, plans and oversight', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;
  let realNow: () => Date;
  let staff: Record<
    'adminA' | 'adminB' | 'adminDistrict' | 'secA1' | 'secA2' | 'committeeA1' | 'committeeA2',
    StaffUser
  >;
  let tokens: Record<keyof typeof staff, string>;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const put = (token: string, path: string, body: object = {}) => request(t.url).put(path).set(auth(token)).send(body);
  const patch = (token: string, path: string, body: object = {}) =>
    request(t.url).patch(path).set(auth(token)).send(body);
  const route = (r: string, params: Record<string, string>) =>
    Object.entries(params).reduce((acc, [k, v]) => acc.replace(`:${k}`, v), r);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);

  async function reader(branch: Org): Promise<Reader> {
    const fixture = await createMember(t.app, branch);
    const openid = `o-${randomBytes(6).toString('hex')}`;
    return { ...fixture, openid, token: await memberToken(t, fixture.member, openid) };
  }

  async function flow(m: MemberFixture, status: string, receiving: Org | null = null): Promise<void> {
    await sql(
      `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin)
       VALUES ($1, $2, $3, $4, $5, $6, 'outflow_report')`,
      [m.member.id, m.member.branchId, m.member.branchPath, receiving?.id ?? null, receiving?.path ?? null, status],
    );
  }

  async function draft(
    orgId: string,
    scope = 'members',
    items: object[] = [{ kind: 'article', title: '学习党章', body: ARTICLE }],
    token = tokens.adminA,
  ): Promise<StudyPackView> {
    const created = await post(token, StudyRoutes.packs, {
      kind: 'themed',
      title: `专题学习 ${randomBytes(3).toString('hex')}`,
      audience: { orgId, scope },
    });
    expect(created.status).toBe(201);
    const pack = created.body as StudyPackView;
    for (const item of items) {
      const added = await post(token, route(StudyRoutes.packItems, { id: pack.id }), item);
      expect(added.status).toBe(201);
    }
    return (await get(token, route(StudyRoutes.pack, { id: pack.id }))).body as StudyPackView;
  }

  async function published(
    orgId: string,
    scope = 'members',
    items?: object[],
    token = tokens.adminA,
  ): Promise<StudyPackView> {
    const pack = await draft(orgId, scope, items, token);
    const res = await post(token, route(StudyRoutes.publish, { id: pack.id }), {});
    expect(res.status).toBe(200);
    await delivered(pack.id, token);
    return (await get(token, route(StudyRoutes.pack, { id: pack.id }))).body as StudyPackView;
  }

  /** Waits for the fan-out (real jobs through pg-boss) to finish. */
  async function delivered(packId: string, token = tokens.adminA): Promise<StudyDeliveryView> {
    const until = Date.now() + 20_000;
    for (;;) {
      const res = await get(token, route(StudyRoutes.delivery, { id: packId }));
      expect(res.status).toBe(200);
      const view = res.body as StudyDeliveryView;
      if (view.status === 'published') return view;
      if (Date.now() > until) throw new Error(`pack ${packId} still ${view.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function deliveredTo(packId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      `SELECT member_id AS id FROM study_deliveries WHERE pack_id = $1 ORDER BY member_id`,
      [packId],
    );
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    t = await startTestApp({
      THROTTLE_LIMIT: '100000',
      WECHAT_TEMPLATE_STUDY_PACK: STUDY_TEMPLATE,
      WECHAT_OUTBOX_POLL_MS: '25',
    });
    w = await createWorld(t.app);
    clock = t.app.get(Clock);
    realNow = clock.now.bind(clock);
    staff = {
      adminA: await createStaff(t.app, ['org_admin'], w.countyA.id),
      adminB: await createStaff(t.app, ['org_admin'], w.countyB.id),
      adminDistrict: await createStaff(t.app, ['org_admin'], w.district.id),
      secA1: await createStaff(t.app, ['branch_secretary'], w.branchA1.id),
      secA2: await createStaff(t.app, ['branch_secretary'], w.branchA2.id),
      committeeA1: await createStaff(t.app, ['branch_committee'], w.branchA1.id),
      committeeA2: await createStaff(t.app, ['branch_committee'], w.branchA2.id),
    };
    tokens = Object.fromEntries(
      await Promise.all(Object.entries(staff).map(async ([k, s]) => [k, await staffToken(t, s)] as const)),
    ) as typeof tokens;
  });

  afterEach(() => {
    clock.now = realNow;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('authoring', () => {
    it('lets the county admin write a draft, preview it sanitised and with quiz answers, and edit it', async () => {
      const pack = await draft(w.countyA.id, 'members', [
        { kind: 'article', title: '学习党章', body: `${ARTICLE}<script>alert(1)</script>`, quiz: QUIZ },
        { kind: 'video_link', title: '党课视频', url: 'https://v.example.cn/lesson1.mp4' },
        { kind: 'pdf_link', title: '文件汇编', url: 'https://files.example.cn/a.pdf', minSeconds: 60 },
      ]);
      expect(pack).toMatchObject({ status: 'draft', ownerOrgId: w.countyA.id, ownerOrgName: '修武县' });
      expect(pack.audience).toEqual({ orgId: w.countyA.id, scope: 'members' });
      expect(pack.items.map((i) => [i.position, i.kind])).toEqual([
        [1, 'article'],
        [2, 'video_link'],
        [3, 'pdf_link'],
      ]);
      expect(pack.items[0].body).toBe(ARTICLE);
      expect(pack.items[0].quiz?.[1].answer).toBe(1);
      expect(pack.items[1]).toMatchObject({ minSeconds: 300, capSeconds: 3600, body: null });
      expect(pack.items[2]).toMatchObject({ minSeconds: 60, capSeconds: 1800 });

      const edited = await patch(tokens.adminA, route(StudyRoutes.pack, { id: pack.id }), {
        title: '三月专题学习',
        audience: { orgId: w.townA.id, scope: 'members_away' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        title: '三月专题学习',
        audience: { orgId: w.townA.id, scope: 'members_away' },
      });

      const replaced = await put(
        tokens.adminA,
        route(StudyRoutes.packItem, { id: pack.id, itemId: pack.items[1].id }),
        {
          kind: 'audio',
          title: '党课音频',
          url: 'https://a.example.cn/lesson1.mp3',
        },
      );
      expect(replaced.status).toBe(200);
      expect((replaced.body as StudyItemView).kind).toBe('audio');
      const removed = await request(t.url)
        .delete(route(StudyRoutes.packItem, { id: pack.id, itemId: pack.items[2].id }))
        .set(auth(tokens.adminA));
      expect(removed.status).toBe(200);
      expect((removed.body as StudyPackView).items).toHaveLength(2);

      const listed = await get(tokens.adminA, `${StudyRoutes.packs}?orgId=${w.townA.id}`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(pack.id);
    });

    it.each([
      [
        'a monthly pack without a month',
        () => ({ kind: 'monthly', title: '月度学习', audience: { orgId: w.countyA.id, scope: 'members' } }),
        ErrorCode.STUDY_MONTH_REQUIRED,
      ],
      [
        'an unknown audience scope',
        () => ({ kind: 'themed', title: '学习', audience: { orgId: w.countyA.id, scope: 'everyone' } }),
        ErrorCode.VALIDATION_FAILED,
      ],
      [
        'an unknown field',
        () => ({ kind: 'themed', title: '学习', audience: { orgId: w.countyA.id, scope: 'members' }, ranked: true }),
        ErrorCode.UNKNOWN_FIELD,
      ],
    ])('refuses %s with 400', async (_what, body, code) => {
      const res = await post(tokens.adminA, StudyRoutes.packs, body());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    });

    it.each([
      [
        'an article with nothing but script',
        { kind: 'article', title: 't', body: '<script>alert(1)</script>' },
        ErrorCode.STUDY_ITEM_BODY_REQUIRED,
      ],
      [
        'a video over plain http',
        { kind: 'video_link', title: 't', url: 'http://v.example.cn/1.mp4' },
        ErrorCode.STUDY_ITEM_URL_INVALID,
      ],
      [
        'audio as a javascript: link',
        { kind: 'audio', title: 't', url: 'javascript:alert(1)' },
        ErrorCode.STUDY_ITEM_URL_INVALID,
      ],
      ['a pdf without a link', { kind: 'pdf_link', title: 't' }, ErrorCode.STUDY_ITEM_URL_INVALID],
      [
        'a body on a video',
        { kind: 'video_link', title: 't', url: 'https://v.example.cn/1.mp4', body: '<p>x</p>' },
        ErrorCode.STUDY_ITEM_FIELD_NOT_ALLOWED,
      ],
      [
        'a daily cap below the minimum',
        { kind: 'article', title: 't', body: '<p>x</p>', minSeconds: 600, capSeconds: 60 },
        ErrorCode.STUDY_ITEM_TIMES_INVALID,
      ],
      [
        'a question whose answer is not an option',
        { kind: 'article', title: 't', body: '<p>x</p>', quiz: [{ text: 'q', options: ['a', 'b'], answer: 5 }] },
        ErrorCode.STUDY_QUIZ_INVALID,
      ],
    ])('refuses an item: %s', async (_what, item, code) => {
      const pack = await draft(w.countyA.id, 'members', []);
      const res = await post(tokens.adminA, route(StudyRoutes.packItems, { id: pack.id }), item);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
    });

    it('publishes nothing empty, schedules only ahead, and edits only drafts', async () => {
      const empty = await draft(w.countyA.id, 'members', []);
      const refused = await post(tokens.adminA, route(StudyRoutes.publish, { id: empty.id }), {});
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(ErrorCode.STUDY_PACK_EMPTY);

      const pack = await draft(w.countyA.id);
      const past = await post(tokens.adminA, route(StudyRoutes.publish, { id: pack.id }), {
        publishAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(past.status).toBe(400);
      expect(past.body.code).toBe(ErrorCode.STUDY_PUBLISH_AT_INVALID);

      const at = new Date(Date.now() + 3 * 24 * 3600_000);
      const scheduled = await post(tokens.adminA, route(StudyRoutes.publish, { id: pack.id }), {
        publishAt: at.toISOString(),
      });
      expect(scheduled.status).toBe(200);
      expect(scheduled.body).toMatchObject({ status: 'scheduled', publishAt: at.toISOString(), publishedAt: null });
      const jobs = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'study.fanout' AND data->>'packId' = $1 AND start_after >= $2`,
        [pack.id, at],
      );
      expect(jobs[0].n).toBe(1);

      const edit = await patch(tokens.adminA, route(StudyRoutes.pack, { id: pack.id }), { title: '改标题' });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe(ErrorCode.STUDY_PACK_NOT_EDITABLE);
      const add = await post(tokens.adminA, route(StudyRoutes.packItems, { id: pack.id }), {
        kind: 'article',
        title: 't',
        body: '<p>x</p>',
      });
      expect(add.body.code).toBe(ErrorCode.STUDY_PACK_NOT_EDITABLE);

      const withdrawn = await post(tokens.adminA, route(StudyRoutes.withdraw, { id: pack.id }));
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      const again = await post(tokens.adminA, route(StudyRoutes.publish, { id: pack.id }), {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.STUDY_PACK_WRONG_STATE);
    });

    it('hides another county’s pack (404), refuses branch staff who see it (403), and shows members nothing (404)', async () => {
      const pack = await draft(w.countyA.id);
      const member = await reader(w.branchA1);
      const branchPack = await draft(w.branchA1.id);
      const item = branchPack.items[0];
      const attempts: [string, string, () => request.Test, number][] = [
        [
          'another county’s admin reads',
          tokens.adminB,
          () => get(tokens.adminB, route(StudyRoutes.pack, { id: pack.id })),
          404,
        ],
        [
          'another county’s admin edits',
          tokens.adminB,
          () => patch(tokens.adminB, route(StudyRoutes.pack, { id: pack.id }), { title: 'x' }),
          404,
        ],
        [
          'another county’s admin publishes',
          tokens.adminB,
          () => post(tokens.adminB, route(StudyRoutes.publish, { id: pack.id })),
          404,
        ],
        [
          'another county’s admin writes for county A',
          tokens.adminB,
          () =>
            post(tokens.adminB, StudyRoutes.packs, {
              kind: 'themed',
              title: 'x',
              audience: { orgId: w.countyA.id, scope: 'members' },
            }),
          404,
        ],
        [
          'a branch secretary writes for their branch',
          tokens.secA1,
          () =>
            post(tokens.secA1, StudyRoutes.packs, {
              kind: 'themed',
              title: 'x',
              audience: { orgId: w.branchA1.id, scope: 'members' },
            }),
          403,
        ],
        [
          'a branch secretary edits their branch’s pack',
          tokens.secA1,
          () =>
            put(tokens.secA1, route(StudyRoutes.packItem, { id: branchPack.id, itemId: item.id }), {
              kind: 'article',
              title: 'x',
              body: '<p>x</p>',
            }),
          403,
        ],
        [
          'a branch secretary publishes it',
          tokens.secA1,
          () => post(tokens.secA1, route(StudyRoutes.publish, { id: branchPack.id })),
          403,
        ],
        [
          'a committee member withdraws it',
          tokens.committeeA1,
          () => post(tokens.committeeA1, route(StudyRoutes.withdraw, { id: branchPack.id })),
          403,
        ],
        [
          'a branch secretary reads the county’s pack',
          tokens.secA1,
          () => get(tokens.secA1, route(StudyRoutes.pack, { id: pack.id })),
          404,
        ],
        [
          'a member reads the pack',
          member.token,
          () => get(member.token, route(StudyRoutes.pack, { id: pack.id })),
          404,
        ],
        [
          'a member writes a pack',
          member.token,
          () =>
            post(member.token, StudyRoutes.packs, {
              kind: 'themed',
              title: 'x',
              audience: { orgId: w.countyA.id, scope: 'members' },
            }),
          404,
        ],
        [
          'a member publishes',
          member.token,
          () => post(member.token, route(StudyRoutes.publish, { id: pack.id })),
          404,
        ],
        [
          'a member opens a draft’s item',
          member.token,
          () => post(member.token, route(StudyRoutes.open, { itemId: pack.items[0].id })),
          404,
        ],
      ];
      for (const [what, , attempt, status] of attempts) {
        const res = await attempt();
        expect({ what, status: res.status }).toEqual({ what, status });
      }
      // The branch's own secretary may read it: 403 above means "seen, but not yours to change".
      expect((await get(tokens.secA1, route(StudyRoutes.pack, { id: branchPack.id }))).status).toBe(200);
    });
  });

  describe('sanitising', () => {
    it.each(XSS_PAYLOADS)('never lets %s reach a reader', async (_what, payload) => {
      const m = await reader(w.branchB);
      const pack = await published(
        w.branchB.id,
        'members',
        [{ kind: 'article', title: '学习', body: payload }],
        tokens.adminB,
      );
      const item = pack.items[0];
      const opened = await post(m.token, route(StudyRoutes.open, { itemId: item.id }));
      expect(opened.status).toBe(200);
      const read = await get(m.token, route(StudyRoutes.myItem, { itemId: item.id }));
      expect(read.status).toBe(200);
      for (const body of [
        (opened.body as OpenStudyItemResponse).item.body,
        (read.body as StudyItemView).body,
        item.body,
      ]) {
        for (const pattern of FORBIDDEN_IN_BODY)
          expect({ body, match: pattern.test(body ?? '') }).toEqual({ body, match: false });
      }
      const stored = await sql<{ body: string }>(`SELECT body FROM study_items WHERE id = $1`, [item.id]);
      for (const pattern of FORBIDDEN_IN_BODY) expect(pattern.test(stored[0].body)).toBe(false);
    });
  });

  describe('audience', () => {
    let aw: World;
    let admin: string;
    let districtAdmin: string;
    let m: Record<
      'home' | 'away' | 'arrived' | 'received' | 'lost' | 'returned' | 'otherCountyReceived',
      MemberFixture
    >;

    beforeAll(async () => {
      aw = await createWorld(t.app);
      admin = await staffToken(t, await createStaff(t.app, ['org_admin'], aw.countyA.id));
      districtAdmin = await staffToken(t, await createStaff(t.app, ['org_admin'], aw.district.id));
      m = {
        home: await createMember(t.app, aw.branchA1),
        away: await createMember(t.app, aw.branchA1),
        arrived: await createMember(t.app, aw.branchA2),
        received: await createMember(t.app, aw.branchA2),
        lost: await createMember(t.app, aw.branchA2),
        returned: await createMember(t.app, aw.branchA1),
        otherCountyReceived: await createMember(t.app, aw.branchB),
      };
      await flow(m.away, 'approved');
      await flow(m.arrived, 'arrived', aw.mobileBranch);
      await flow(m.received, 'active', aw.mobileBranch);
      await flow(m.lost, 'lost_contact', aw.mobileBranch);
      await flow(m.returned, 'returned', aw.mobileBranch);
      await flow(m.otherCountyReceived, 'active', aw.mobileBranch);
    });

    it.each([
      ['members', 'countyA', ['home', 'away', 'arrived', 'received', 'lost', 'returned']],
      ['members_away', 'countyA', ['away', 'arrived', 'received', 'lost']],
      ['members_at_home', 'countyA', ['home', 'returned']],
      ['members', 'branchA2', ['arrived', 'received', 'lost']],
      ['received', 'district', ['arrived', 'received', 'otherCountyReceived']],
    ] as const)('delivers a %s pack of %s to exactly its members', async (scope, orgKey, who) => {
      const org = aw[orgKey];
      const pack = await published(org.id, scope, undefined, orgKey === 'district' ? districtAdmin : admin);
      const expected = who.map((k) => m[k].member.id).sort();
      expect(await deliveredTo(pack.id)).toEqual(expected);
      const inbox = await sql<{ id: string }>(
        `SELECT recipient_member_id AS id FROM inbox_items WHERE kind = 'study.pack' AND subject_id = $1 ORDER BY 1`,
        [pack.id],
      );
      expect(inbox.map((r) => r.id)).toEqual(expected);
      const view = await delivered(pack.id, orgKey === 'district' ? districtAdmin : admin);
      expect(view).toMatchObject({ audience: who.length, inboxDelivered: who.length, redParcels: 0 });
    });
  });

  describe('reading and the study record', () => {
    let rw: World;
    let pack: StudyPackView;
    let x: StudyItemView;
    let y: StudyItemView;
    let z: StudyItemView;
    const T0 = Date.parse('2025-06-10T14:00:00Z'); // 22:00 in Beijing
    const at = (seconds: number) => () => new Date(T0 + seconds * 1000);
    const beat = (token: string, sessionId: string, seq: number, visible = true) =>
      post(token, route(StudyRoutes.heartbeat, { sessionId }), { seq, visible });
    const open = async (token: string, itemId: string) => {
      const res = await post(token, route(StudyRoutes.open, { itemId }));
      expect(res.status).toBe(200);
      return (res.body as OpenStudyItemResponse).sessionId;
    };
    const credited = async (token: string, sessionId: string, seq: number, secondsIn: number, visible = true) => {
      clock.now = at(secondsIn);
      const res = await beat(token, sessionId, seq, visible);
      expect(res.status).toBe(200);
      return res.body as HeartbeatResponse;
    };

    beforeAll(async () => {
      rw = await createWorld(t.app);
      const admin = await staffToken(t, await createStaff(t.app, ['org_admin'], rw.countyA.id));
      await createMember(t.app, rw.branchA1);
      pack = await published(
        rw.countyA.id,
        'members',
        [
          { kind: 'article', title: '甲', body: ARTICLE, minSeconds: 60, capSeconds: 120 },
          { kind: 'article', title: '乙', body: ARTICLE, minSeconds: 30, capSeconds: 600 },
          {
            kind: 'audio',
            title: '丙',
            url: 'https://a.example.cn/1.mp3',
            minSeconds: 30,
            capSeconds: 600,
            quiz: QUIZ,
          },
        ],
        admin,
      );
      [x, y, z] = pack.items;
    });

    async function newReader(): Promise<Reader> {
      // Members added after delivery do not get the pack: deliver it to this one as the fan-out would.
      const r = await reader(rw.branchA1);
      await sql(`INSERT INTO study_deliveries (pack_id, member_id, delivered_at) VALUES ($1, $2, now())`, [
        pack.id,
        r.member.id,
      ]);
      return r;
    }

    it('lists the member’s packs and their items, without quiz answers', async () => {
      const r = await newReader();
      const list = await get(r.token, StudyRoutes.myPacks);
      expect(list.status).toBe(200);
      const mine = (list.body as Paginated<MyStudyPack>).items;
      expect(mine.map((p) => p.id)).toEqual([pack.id]);
      expect(mine[0].items.map((i) => [i.title, i.hasQuiz, i.finished])).toEqual([
        ['甲', false, false],
        ['乙', false, false],
        ['丙', true, false],
      ]);
      const item = await get(r.token, route(StudyRoutes.myItem, { itemId: z.id }));
      expect(JSON.stringify(item.body.quiz)).not.toContain('answer');
      const other = await reader(w.branchB);
      expect((await get(other.token, route(StudyRoutes.myPack, { id: pack.id }))).status).toBe(404);
      expect((await post(other.token, route(StudyRoutes.open, { itemId: x.id }))).status).toBe(404);
    });

    it('credits server time between beats, and nothing for replays, hidden pages or a fast-forwarded client', async () => {
      const r = await newReader();
      clock.now = at(0);
      const s = await open(r.token, x.id);
      expect(await credited(r.token, s, 1, 15)).toMatchObject({ credited: 15, effectiveSeconds: 15 });
      expect(await credited(r.token, s, 2, 30)).toMatchObject({ credited: 15, effectiveSeconds: 30 });
      // Replays: the same number, or an older one, earn nothing however late they come.
      expect(await credited(r.token, s, 2, 45)).toMatchObject({ credited: 0, effectiveSeconds: 30 });
      expect(await credited(r.token, s, 1, 45)).toMatchObject({ credited: 0, effectiveSeconds: 30 });
      expect(await credited(r.token, s, 3, 45)).toMatchObject({ credited: 15, effectiveSeconds: 45 });
      // A client racing ahead (its own clock, or beats fired early) gets only the real seconds between beats.
      expect(await credited(r.token, s, 4, 46)).toMatchObject({ credited: 1 });
      expect(await credited(r.token, s, 5, 47)).toMatchObject({ credited: 1 });
      expect(await credited(r.token, s, 100, 48)).toMatchObject({ credited: 1, effectiveSeconds: 48 });
      // A long silence earns one interval and slack at most.
      expect(await credited(r.token, s, 101, 48 + 600)).toMatchObject({ credited: 20, effectiveSeconds: 68 });
      // A page in the background earns nothing.
      expect(await credited(r.token, s, 102, 48 + 615, false)).toMatchObject({ credited: 0, effectiveSeconds: 68 });
      const row = await sql<{ seconds: number }>(`SELECT seconds FROM study_reading WHERE session_id = $1`, [s]);
      expect(row[0].seconds).toBe(68);
    });

    it('credits only the newest live session: parallel items earn nothing until the newer one stops', async () => {
      const r = await newReader();
      clock.now = at(0);
      const sx = await open(r.token, x.id);
      expect(await credited(r.token, sx, 1, 15)).toMatchObject({ credited: 15 });
      clock.now = at(20);
      const sy = await open(r.token, y.id);
      // x's beats while y is live: nothing.
      expect(await credited(r.token, sx, 2, 30)).toMatchObject({ credited: 0 });
      expect(await credited(r.token, sy, 1, 35)).toMatchObject({ credited: 15 });
      expect(await credited(r.token, sx, 3, 45)).toMatchObject({ credited: 0 });
      expect(await credited(r.token, sy, 2, 50)).toMatchObject({ credited: 15 });
      // y is closed: x earns again.
      clock.now = at(60);
      const finished = await post(r.token, route(StudyRoutes.finish, { sessionId: sy }), { seq: 3, visible: true });
      expect(finished.body).toMatchObject({ credited: 10, effectiveSeconds: 40, finished: true });
      // Its last beat was at 45 s: 30 s ago, so one interval and slack.
      expect(await credited(r.token, sx, 4, 75)).toMatchObject({ credited: 20 });
      // A closed session earns nothing more.
      expect(await credited(r.token, sy, 4, 80)).toMatchObject({ credited: 0 });
      // Opening x again (another phone, a reload) replaces its session: the old one is gone.
      clock.now = at(90);
      const sx2 = await open(r.token, x.id);
      expect((await beat(r.token, sx, 5)).status).toBe(404);
      expect(await credited(r.token, sx2, 1, 105)).toMatchObject({ credited: 15 });
    });

    it('caps an item per day, counts it again the next day, and finishes it once', async () => {
      const r = await newReader();
      clock.now = at(0);
      let s = await open(r.token, x.id);
      let last: HeartbeatResponse = { credited: 0, effectiveSeconds: 0, finished: false };
      for (let seq = 1; seq <= 10; seq += 1) last = await credited(r.token, s, seq, seq * 15);
      // 10 beats of 15 s, but x counts at most 120 s a day; it finished at 60 s.
      expect(last).toMatchObject({ credited: 0, effectiveSeconds: 120, finished: true });
      const firstFinish = await sql<{ finished_at: Date }>(
        `SELECT finished_at FROM study_progress WHERE member_id = $1 AND item_id = $2`,
        [r.member.id, x.id],
      );
      // Reopening the same day starts a new session, but the day's cap still holds.
      clock.now = at(200);
      s = await open(r.token, x.id);
      expect(await credited(r.token, s, 1, 215)).toMatchObject({ credited: 0, effectiveSeconds: 120 });
      // The next day (Beijing midnight is 16:00 UTC) counts again.
      clock.now = at(2 * 3600 + 60);
      s = await open(r.token, x.id);
      expect(await credited(r.token, s, 1, 2 * 3600 + 75)).toMatchObject({ credited: 15, effectiveSeconds: 135 });
      const days = await sql<{ day: string; seconds: number }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, seconds FROM study_reading WHERE member_id = $1 AND item_id = $2 ORDER BY day`,
        [r.member.id, x.id],
      );
      expect(days).toEqual([
        { day: '2025-06-10', seconds: 120 },
        { day: '2025-06-11', seconds: 15 },
      ]);
      const finishedNow = await sql<{ finished_at: Date }>(
        `SELECT finished_at FROM study_progress WHERE member_id = $1 AND item_id = $2`,
        [r.member.id, x.id],
      );
      expect(finishedNow[0].finished_at).toEqual(firstFinish[0].finished_at);
      const mine = (await get(r.token, route(StudyRoutes.myPack, { id: pack.id }))).body as MyStudyPack;
      expect(mine.finishedItems).toBe(1);
      expect(mine.items[0]).toMatchObject({ effectiveSeconds: 135, finished: true });
      const history = await get(r.token, StudyRoutes.myHistory);
      expect(history.body.items.map((e: { day: string; seconds: number }) => [e.day, e.seconds])).toEqual([
        ['2025-06-11', 15],
        ['2025-06-10', 120],
      ]);
    });

    it('scores quizzes, keeps the best score, and finishes a quiz item only once it is answered', async () => {
      const r = await newReader();
      clock.now = at(0);
      const s = await open(r.token, z.id);
      await credited(r.token, s, 1, 15);
      const enough = await credited(r.token, s, 2, 30);
      expect(enough).toMatchObject({ effectiveSeconds: 30, finished: false });
      const quiz = (answers: number[]) => post(r.token, route(StudyRoutes.quiz, { itemId: z.id }), { answers });
      const first = await quiz([1, 1, 0]);
      expect(first.status).toBe(200);
      expect(first.body as QuizResult).toEqual({ correct: 1, total: 3, score: 33 });
      expect((await quiz([0, 1, 1])).body).toEqual({ correct: 3, total: 3, score: 100 });
      expect((await quiz([1, 0, 0])).body).toEqual({ correct: 0, total: 3, score: 0 });
      const short = await quiz([0, 1]);
      expect(short.status).toBe(400);
      expect(short.body.code).toBe(ErrorCode.STUDY_QUIZ_ANSWERS_INVALID);
      const noQuiz = await post(r.token, route(StudyRoutes.quiz, { itemId: x.id }), { answers: [0] });
      expect(noQuiz.status).toBe(404);
      const mine = (await get(r.token, route(StudyRoutes.myPack, { id: pack.id }))).body as MyStudyPack;
      expect(mine.items[2]).toMatchObject({ finished: true, quizScore: 100 });
      const stored = await sql(
        `SELECT quiz_best_score, quiz_last_score, quiz_attempts FROM study_progress WHERE member_id = $1 AND item_id = $2`,
        [r.member.id, z.id],
      );
      expect(stored[0]).toEqual({ quiz_best_score: 100, quiz_last_score: 0, quiz_attempts: 3 });
    });

    it('does not let one member beat another member’s session', async () => {
      const a = await newReader();
      const b = await newReader();
      clock.now = at(0);
      const s = await open(a.token, y.id);
      clock.now = at(15);
      expect((await beat(b.token, s, 1)).status).toBe(404);
      expect((await beat(a.token, s, 1)).body).toMatchObject({ credited: 15 });
    });
  });

  describe('plans, reminders and oversight', () => {
    let pw: World;
    let admin: string;
    let secretary: string;
    let committee: StaffUser;
    let committeeToken: string;
    let pack: StudyPackView;
    let other: StudyPackView;
    let m: Record<'ahead' | 'behindHours' | 'behindActivities' | 'inA2' | 'idle', Reader>;
    const MID_2025 = () => new Date('2025-07-02T12:00:00Z'); // half of 2025 gone
    const AUG_2025 = () => new Date('2025-08-01T01:00:00Z'); // 09:00 on 1 August in Beijing

    async function studied(r: Reader, seconds: number, day = '2025-03-05'): Promise<void> {
      await sql(
        `INSERT INTO study_reading (member_id, item_id, day, session_id, opened_at, last_beat_at, ended_at, seconds)
         VALUES ($1, $2, $3, gen_random_uuid(), now(), now(), now(), $4)`,
        [r.member.id, pack.items[0].id, day, seconds],
      );
    }

    let activitySerial = 0;
    async function attended(r: Reader, kind: string, startsAt: string, cancelled = false): Promise<void> {
      activitySerial += 1;
      const [a] = await sql<{ id: string }>(
        `INSERT INTO activities (public_code, branch_id, branch_path, kind, title, place, starts_at, ends_at,
                                 secret_cipher, created_by, cancelled_at)
         VALUES ($1, $2, $3, $4, $5, '村党群服务中心', $6, $6::timestamptz + interval '2 hours', 'x', $7, $8)
         RETURNING id`,
        [
          `S${String(activitySerial).padStart(7, '0')}`,
          r.member.branchId,
          r.member.branchPath,
          kind,
          kind === 'catch_up_class' ? '春节返乡补学' : '主题党日',
          startsAt,
          staff.adminA.accountId,
          cancelled ? startsAt : null,
        ],
      );
      await sql(
        `INSERT INTO checkins (activity_id, member_id, method, client_id, checked_in_at, recorded_by)
         VALUES ($1, $2, 'venue_code', $3, $4, $5)`,
        [a.id, r.member.id, `c-${randomBytes(8).toString('hex')}`, startsAt, staff.adminA.accountId],
      );
    }

    beforeAll(async () => {
      pw = await createWorld(t.app);
      admin = await staffToken(t, await createStaff(t.app, ['org_admin'], pw.countyA.id));
      secretary = await staffToken(t, await createStaff(t.app, ['branch_secretary'], pw.branchA1.id));
      committee = await createStaff(t.app, ['branch_committee'], pw.branchA1.id);
      committeeToken = await staffToken(t, committee);
      m = {
        ahead: await reader(pw.branchA1),
        behindHours: await reader(pw.branchA1),
        behindActivities: await reader(pw.branchA1),
        inA2: await reader(pw.branchA2),
        idle: await reader(pw.branchA1),
      };
      pack = await published(pw.countyA.id, 'members', undefined, admin);
      other = await published(pw.branchA2.id, 'members', undefined, admin);
      await studied(m.ahead, 7 * 3600);
      await studied(m.behindHours, 3600);
      await studied(m.behindActivities, 6 * 3600);
      await studied(m.inA2, 1800, '2025-02-01');
      await studied(m.inA2, 1800, '2025-06-30');
      await studied(m.idle, 99 * 3600, '2024-12-31'); // last year's study does not count
      for (const r of [m.ahead, m.behindHours]) {
        await attended(r, 'catch_up_class', '2025-02-01T02:00:00Z');
        await attended(r, 'holiday_gathering', '2025-02-03T02:00:00Z');
      }
      await attended(m.behindActivities, 'theme_day', '2025-04-01T02:00:00Z');
      await attended(m.behindActivities, 'theme_day', '2025-04-02T02:00:00Z', true); // cancelled: not counted
      await attended(m.behindActivities, 'catch_up_class', '2024-02-01T02:00:00Z'); // last year
    });

    it('lets the org admin set a plan for a year, the nearest org’s rule applying, and no one else', async () => {
      const county = await put(admin, StudyRoutes.plans, {
        orgId: pw.countyA.id,
        year: 2025,
        requiredHours: 10,
        requiredActivities: 4,
        electives: 1,
      });
      expect(county.status).toBe(200);
      expect(county.body).toMatchObject({ orgId: pw.countyA.id, orgName: '修武县', requiredHours: 10, electives: 1 });
      const branch = await put(admin, StudyRoutes.plans, {
        orgId: pw.branchA2.id,
        year: 2025,
        requiredHours: 2,
        requiredActivities: 0,
        electives: 2,
      });
      expect(branch.status).toBe(200);
      const rules = await get(admin, `${StudyRoutes.plans}?orgId=${pw.branchA2.id}&year=2025`);
      expect(rules.body.map((r: { orgId: string }) => r.orgId)).toEqual([pw.countyA.id, pw.branchA2.id]);

      const body = { orgId: pw.branchA1.id, year: 2025, requiredHours: 1, requiredActivities: 1, electives: 0 };
      expect((await put(secretary, StudyRoutes.plans, body)).status).toBe(403);
      expect((await put(tokens.adminB, StudyRoutes.plans, body)).status).toBe(404);
      expect((await put(m.ahead.token, StudyRoutes.plans, body)).status).toBe(404);
      const fractional = await put(admin, StudyRoutes.plans, { ...body, requiredHours: 1.25 });
      expect(fractional.status).toBe(400);
    });

    it('shows each member their progress: hours from credited study, activities from check-ins (返乡补学 included)', async () => {
      clock.now = MID_2025;
      const plan = async (r: Reader) => (await get(r.token, StudyRoutes.myPlan)).body as MyStudyPlan;
      expect(await plan(m.ahead)).toMatchObject({
        year: 2025,
        rule: { orgId: pw.countyA.id, requiredHours: 10, requiredActivities: 4 },
        hours: 7,
        activities: 2,
        expectedHoursByNow: 5,
        behind: false,
      });
      expect(await plan(m.behindHours)).toMatchObject({ hours: 1, activities: 2, behind: true });
      expect(await plan(m.behindActivities)).toMatchObject({ hours: 6, activities: 1, behind: true });
      expect(await plan(m.inA2)).toMatchObject({
        rule: { orgId: pw.branchA2.id },
        hours: 1,
        expectedHoursByNow: 1,
        behind: false,
      });
      expect(await plan(m.idle)).toMatchObject({ hours: 0, activities: 0, behind: true });
      const outside = await reader(w.branchB);
      expect((await get(outside.token, StudyRoutes.myPlan)).body).toMatchObject({ rule: null, behind: false });
    });

    it('lets members choose electives among the packs delivered to them, up to the plan’s number', async () => {
      clock.now = MID_2025;
      const chosen = await put(m.ahead.token, StudyRoutes.myElectives, { packIds: [pack.id] });
      expect(chosen.status).toBe(200);
      expect((chosen.body as MyStudyPlan).electivesChosen).toEqual([
        { packId: pack.id, title: pack.title, finished: false },
      ]);
      // A branch's own plan may ask for more; a pack named twice counts once.
      const two = await put(m.inA2.token, StudyRoutes.myElectives, { packIds: [pack.id, other.id, pack.id] });
      expect(two.status).toBe(200);
      expect((two.body as MyStudyPlan).electivesChosen).toHaveLength(2);
      const notMine = await put(m.ahead.token, StudyRoutes.myElectives, { packIds: [other.id] });
      expect(notMine.status).toBe(404);
      const undelivered = await put(m.behindHours.token, StudyRoutes.myElectives, { packIds: [pack.id, other.id] });
      expect(undelivered.status).toBe(404);
      await sql(`INSERT INTO study_deliveries (pack_id, member_id, delivered_at) VALUES ($1, $2, now())`, [
        other.id,
        m.behindHours.member.id,
      ]);
      const overLimit = await put(m.behindHours.token, StudyRoutes.myElectives, { packIds: [pack.id, other.id] });
      expect(overLimit.status).toBe(400);
      expect(overLimit.body.code).toBe(ErrorCode.STUDY_ELECTIVES_TOO_MANY);
    });

    it('reminds each member behind plan once a month, by a job run with the clock it is given', async () => {
      const reminders = t.app.get(StudyRemindersService);
      const count = async (r: Reader) =>
        (
          await sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM inbox_items WHERE kind = 'study.reminder' AND recipient_member_id = $1`,
            [r.member.id],
          )
        )[0].n;
      clock.now = MID_2025;
      const first = await reminders.run();
      const july = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM study_reminders WHERE month = '2025-07'`);
      expect(first).toBe(july[0].n);
      expect(first).toBeGreaterThanOrEqual(3);
      expect([await count(m.behindHours), await count(m.behindActivities), await count(m.idle)]).toEqual([1, 1, 1]);
      expect([await count(m.ahead), await count(m.inA2)]).toEqual([0, 0]);
      expect(await reminders.run()).toBe(0);
      expect(await count(m.behindHours)).toBe(1);

      clock.now = AUG_2025;
      expect(await reminders.run()).toBeGreaterThanOrEqual(3);
      expect([await count(m.behindHours), await count(m.behindActivities), await count(m.idle)]).toEqual([2, 2, 2]);
      const inbox = await get(m.behindHours.token, '/api/inbox');
      expect(inbox.body.items[0]).toMatchObject({
        kind: 'study.reminder',
        title: '学习提醒',
        subjectType: 'study_plan',
      });

      // Other features schedule their own jobs; these are the two this file is about.
      const schedules = await sql(
        `SELECT name, cron, timezone FROM pgboss.schedule WHERE name IN ('idempotency.purge', 'study.reminders') ORDER BY name`,
      );
      expect(schedules).toEqual([
        { name: 'idempotency.purge', cron: '0 4 * * *', timezone: 'Asia/Shanghai' },
        { name: 'study.reminders', cron: '0 9 1 * *', timezone: 'Asia/Shanghai' },
      ]);
    });

    it('shows completion per org as counts, never names, to staff acting for the org only', async () => {
      clock.now = MID_2025;
      const res = await get(admin, route(StudyRoutes.completion, { orgId: pw.countyA.id }));
      expect(res.status).toBe(200);
      const view = res.body as StudyCompletionView;
      const members = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM members WHERE branch_path >= $1 AND branch_path < $1 || '~'`,
        [pw.countyA.path],
      );
      expect(view.year).toBe(2025);
      expect(view.total.members).toBe(members[0].n);
      expect(view.total.onTrack + view.total.behind).toBe(view.total.members);
      expect(view.children).toEqual([{ ...view.total, orgId: pw.townA.id, orgName: pw.townA.name }]);
      const branch = (await get(admin, route(StudyRoutes.completion, { orgId: pw.branchA2.id }))).body;
      expect(branch.total).toMatchObject({ onTrack: branch.total.members, behind: 0, rate: 1 });
      for (const r of Object.values(m)) expect(JSON.stringify(view)).not.toContain(r.name);

      expect((await get(committeeToken, route(StudyRoutes.completion, { orgId: pw.branchA1.id }))).status).toBe(200);
      expect((await get(committeeToken, route(StudyRoutes.completion, { orgId: pw.countyA.id }))).status).toBe(404);
      expect((await get(tokens.adminB, route(StudyRoutes.completion, { orgId: pw.countyA.id }))).status).toBe(404);
      expect((await get(m.ahead.token, route(StudyRoutes.completion, { orgId: pw.countyA.id }))).status).toBe(404);
    });

    it('pairs committee members with members of the branch, and shows each only their paired members behind', async () => {
      clock.now = MID_2025;
      const ids = [m.ahead, m.behindHours, m.behindActivities].map((r) => r.member.id);
      const body = { branchId: pw.branchA1.id, committeeAccountId: committee.accountId, memberIds: ids };
      const paired = await put(secretary, StudyRoutes.pairings, body);
      expect(paired.status).toBe(200);
      expect(paired.body.memberIds).toEqual([...ids].sort());

      const committeeA2 = await createStaff(t.app, ['branch_committee'], pw.branchA2.id);
      const refusals: [string, () => request.Test, number, string?][] = [
        [
          'a member of another branch',
          () => put(secretary, StudyRoutes.pairings, { ...body, memberIds: [m.inA2.member.id] }),
          404,
        ],
        [
          'a committee member of another branch',
          () => put(secretary, StudyRoutes.pairings, { ...body, committeeAccountId: committeeA2.accountId }),
          400,
          ErrorCode.PAIRING_NOT_COMMITTEE,
        ],
        ['the committee member themself', () => put(committeeToken, StudyRoutes.pairings, body), 403],
        ['another county’s admin', () => put(tokens.adminB, StudyRoutes.pairings, body), 404],
        ['a member', () => put(m.ahead.token, StudyRoutes.pairings, body), 404],
      ];
      for (const [what, attempt, status, code] of refusals) {
        const res = await attempt();
        expect({ what, status: res.status, code: code ? res.body.code : undefined }).toEqual({ what, status, code });
      }

      const behind = await get(committeeToken, StudyRoutes.pairedBehind);
      expect(behind.status).toBe(200);
      const rows = behind.body as PairedBehindMember[];
      expect(rows.map((r) => r.memberId).sort()).toEqual(
        [m.behindHours.member.id, m.behindActivities.member.id].sort(),
      );
      expect(rows.find((r) => r.memberId === m.behindHours.member.id)).toMatchObject({
        name: m.behindHours.name,
        branchName: pw.branchA1.name,
        hours: 1,
        expectedHoursByNow: 5,
        activities: 2,
        requiredActivities: 4,
      });
      expect((await get(secretary, StudyRoutes.pairedBehind)).body).toEqual([]);
      expect((await get(m.behindHours.token, StudyRoutes.pairedBehind)).status).toBe(403);

      // Narrowing the list unpairs the rest; a revoked role sees nobody.
      await put(secretary, StudyRoutes.pairings, { ...body, memberIds: [m.behindActivities.member.id] });
      expect(
        ((await get(committeeToken, StudyRoutes.pairedBehind)).body as PairedBehindMember[]).map((r) => r.memberId),
      ).toEqual([m.behindActivities.member.id]);
      await t.app.get(AccountsService).revokeRole(committee.accountId, 'branch_committee', pw.branchA1.id, new Date());
      expect((await get(committeeToken, StudyRoutes.pairedBehind)).status).toBe(403);
    });

    it('lets the sending secretary mark members without a smartphone, who go on the audited red-parcel list', async () => {
      const target = m.behindActivities;
      const mark = (token: string) =>
        put(token, route(StudyRoutes.memberNoSmartphone, { id: target.member.id }), { noSmartphone: true });
      expect((await mark(tokens.adminB)).status).toBe(404);
      const committee2 = await staffToken(t, await createStaff(t.app, ['branch_committee'], pw.branchA1.id));
      expect((await mark(committee2)).status).toBe(403);
      const marked = await mark(secretary);
      expect(marked.status).toBe(200);
      expect(marked.body).toEqual({ memberId: target.member.id, noSmartphone: true });

      const parcelled = await published(pw.branchA1.id, 'members', undefined, admin);
      const view = await delivered(parcelled.id, admin);
      expect(view.redParcels).toBe(1);
      expect(view.inboxDelivered).toBe(view.audience);

      const file = await request(t.url)
        .get(route(StudyRoutes.redParcels, { id: parcelled.id }))
        .set(auth(admin))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(file.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body);
      const sheet = workbook.getWorksheet('红色邮包')!;
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).values).toEqual([
        undefined,
        target.name,
        pw.branchA1.name,
        '上海市闵行区七宝镇',
        target.phone,
        parcelled.title,
      ]);
      expect((await get(committee2, route(StudyRoutes.redParcels, { id: parcelled.id }))).status).toBe(403);
      const audited = await sql<{ result: string }>(
        `SELECT result FROM audit_events WHERE action = 'study.red_parcels_export' AND target_id = $1 ORDER BY at`,
        [parcelled.id],
      );
      expect(audited.map((a) => a.result)).toEqual(['ok', 'denied']);
    });
  });

  describe('WeChat subscribe messages', () => {
    const standIn = (path: string, body?: object) =>
      fetch(`${t.standInUrl}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });

    /** The member taps 允许 in WeChat's dialog `times` times (WeChat counts it), and the app reports each. */
    async function allow(r: Reader, times: number): Promise<void> {
      expect(
        (await standIn('/__standin/subscriptions', { openid: r.openid, templateId: STUDY_TEMPLATE, count: times }))
          .status,
      ).toBe(200);
      for (let i = 0; i < times; i += 1) {
        const res = await post(r.token, SubscriptionRoutes.mine, { results: { [STUDY_TEMPLATE]: 'accept' } });
        expect(res.status).toBe(200);
      }
    }

    it('queues one message per member who allowed the study template, none for red parcels, and never a second', async () => {
      const cw = await createWorld(t.app);
      const admin = await staffToken(t, await createStaff(t.app, ['org_admin'], cw.countyA.id));
      const m = {
        allowed: await reader(cw.branchA1),
        allowedTwice: await reader(cw.branchA1),
        noCredit: await reader(cw.branchA1),
        noSmartphone: await reader(cw.branchA1),
      };
      const offered = await get(m.allowed.token, SubscriptionRoutes.mine);
      expect(offered.body.templates).toEqual([
        { templateId: STUDY_TEMPLATE, purpose: 'study_pack', label: '学习提醒', credits: 0 },
      ]);
      expect((await get(admin, SubscriptionRoutes.mine)).body.templates).toEqual([]);
      await allow(m.allowed, 1);
      await allow(m.allowedTwice, 2);
      await allow(m.noSmartphone, 1);
      await sql(`UPDATE members SET no_smartphone = true WHERE id = $1`, [m.noSmartphone.member.id]);

      const pack = await published(cw.countyA.id, 'members', undefined, admin);
      const outbox = async () =>
        sql<{ member_id: string; status: string }>(
          `SELECT a.member_id, o.status FROM wechat_outbox o JOIN accounts a ON a.id = o.account_id
            WHERE o.inbox_kind = 'study.pack' AND o.subject_id = $1 ORDER BY a.member_id`,
          [pack.id],
        );
      for (const deadline = Date.now() + 10_000; ;) {
        const rows = await outbox();
        if (rows.length > 0 && rows.every((r) => r.status === 'sent')) break;
        if (Date.now() > deadline) throw new Error(`outbox did not settle: ${JSON.stringify(rows)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await outbox()).map((r) => r.member_id)).toEqual([m.allowed.member.id, m.allowedTwice.member.id].sort());
      const messages = (await (await standIn('/__standin/messages')).json()) as {
        messages: { toOpenid: string; templateId: string; data: Record<string, { value: string }> }[];
      };
      const toAllowed = messages.messages.filter((x) => x.toOpenid === m.allowed.openid);
      expect(toAllowed).toHaveLength(1);
      expect(toAllowed[0]).toMatchObject({ templateId: STUDY_TEMPLATE, data: { thing2: { value: '修武县' } } });
      expect(messages.messages.filter((x) => x.toOpenid === m.noSmartphone.openid)).toEqual([]);
      const view = await delivered(pack.id, admin);
      expect(view).toMatchObject({ wechatSent: 2, wechatSkipped: 0, wechatFailed: 0, redParcels: 1 });
      const credits = (await get(m.allowedTwice.token, SubscriptionRoutes.mine)).body.templates[0].credits;
      expect(credits).toBe(1);

      // The whole fan-out once more, and one of its batches: no second message for anyone.
      const delivery = t.app.get(StudyDeliveryService);
      await delivery.runFanout({ packId: pack.id, publishAt: null });
      expect(await delivery.runBatch({ packId: pack.id, batchNo: 1 })).toBe(false);
      await t.app.get(StudyRepository).transaction(async (tx) => {
        const again = await t.app.get(WechatOutboxService).enqueueForMembers(tx, [m.allowedTwice.member.id], {
          purpose: 'study_pack',
          kind: 'study.pack',
          title: pack.title,
          orgName: '修武县',
          subjectId: pack.id,
        });
        expect(again).toBe(0);
      });
      expect(await outbox()).toHaveLength(2);
    });
  });

  describe('the job queue', () => {
    it('deletes expired idempotency keys and keeps live ones', async () => {
      await sql(
        `INSERT INTO idempotency_keys (principal, key, method, path, request_hash, state, expires_at)
         VALUES ('p', 'expired-key-0000001', 'POST', '/x', 'h', 'completed', now() - interval '1 hour'),
                ('p', 'expired-key-0000002', 'POST', '/x', 'h', 'completed', now() - interval '2 days'),
                ('p', 'live-key-000000001', 'POST', '/x', 'h', 'completed', now() + interval '1 hour')`,
      );
      expect(await t.app.get(IdempotencyPurgeJob).run()).toBeGreaterThanOrEqual(2);
      const left = await sql<{ key: string }>(`SELECT key FROM idempotency_keys WHERE principal = 'p' ORDER BY key`);
      expect(left.map((r) => r.key)).toEqual(['live-key-000000001']);
    });
  });
});
