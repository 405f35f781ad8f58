import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  ErrorCode,
  InboxRoutes,
  SuggestionRoutes,
  type InboxItem,
  type Paginated,
  type SuggestionListItem,
  type SuggestionView,
} from '@pioneer/shared';
import { SuggestionImagesPurgeService } from '../src/member-reports/suggestions/suggestion-images-purge.service.js';
import type { Org } from '../src/orgs/org.entity.js';
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

type World = Awaited<ReturnType<typeof createWorld>>;
type Sender = MemberFixture & { token: string };

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452', 'hex'),
  randomBytes(64),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(128)]);
const key = () => `sug-${randomBytes(12).toString('hex')}`;

describe('Suggestions (建言献策): sending with pictures, answering, tracking', () => {
  let t: TestApp;
  let w: World;
  let tok: Record<
    'secA1' | 'committeeA1' | 'adminA' | 'adminTownA' | 'secA2' | 'adminB' | 'receiving' | 'resident',
    string
  >;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const path = (r: string, id: string) => r.replace(':id', id);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);

  async function sender(branch: Org): Promise<Sender> {
    const fixture = await createMember(t.app, branch);
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  const upload = (token: string, bytes: Buffer, name = 'photo.png') =>
    request(t.url).post(SuggestionRoutes.uploadImage).set(auth(token)).attach('file', bytes, name);

  async function send(s: Sender, extra: object = {}): Promise<SuggestionView> {
    const res = await post(s.token, SuggestionRoutes.mine, {
      category: 'rural_revitalization',
      title: '建设村里的冷库',
      text: '村里的蔬菜卖不上价，建议建一座冷库，错峰销售。',
      clientKey: key(),
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as SuggestionView;
  }

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    const staffAt = async (role: 'branch_secretary' | 'branch_committee' | 'org_admin', org: Org) =>
      staffToken(t, await createStaff(t.app, [role], org.id));
    tok = {
      secA1: await staffAt('branch_secretary', w.branchA1),
      committeeA1: await staffAt('branch_committee', w.branchA1),
      adminA: await staffAt('org_admin', w.countyA),
      adminTownA: await staffAt('org_admin', w.townA),
      secA2: await staffAt('branch_secretary', w.branchA2),
      adminB: await staffAt('org_admin', w.countyB),
      receiving: await staffAt('branch_secretary', w.mobileBranch),
      resident: await memberToken(t, null),
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('pictures', () => {
    it('takes a JPEG or a PNG, judged by its bytes, up to 1 MB', async () => {
      const s = await sender(w.branchA1);
      const png = await upload(s.token, PNG);
      expect(png.status).toBe(201);
      expect(png.body).toMatchObject({ contentType: 'image/png', size: PNG.length });
      expect((await upload(s.token, JPEG, 'photo.jpg')).body.contentType).toBe('image/jpeg');
      for (const [bytes, name] of [
        [Buffer.from('<svg onload="alert(1)"/>'), 'x.png'],
        [Buffer.from('GIF89a......'), 'x.gif'],
      ] as [Buffer, string][]) {
        const res = await upload(s.token, bytes, name);
        expect(res.status).toBe(422);
        expect(res.body.code).toBe(ErrorCode.SUGGESTION_IMAGE_INVALID);
      }
      const exactlyMax = Buffer.concat([JPEG, Buffer.alloc(1024 * 1024 - JPEG.length)]);
      expect((await upload(s.token, exactlyMax, 'max.jpg')).status).toBe(201);
      const big = await upload(s.token, Buffer.concat([exactlyMax, Buffer.alloc(1)]), 'big.jpg');
      expect(big.status).toBe(413);
      expect(big.body.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
      const none = await request(t.url).post(SuggestionRoutes.uploadImage).set(auth(s.token)).field('x', 'y');
      expect(none.body.code).toBe(ErrorCode.SUGGESTION_IMAGE_INVALID);
      expect((await upload(tok.resident, PNG)).status).toBe(404);
      expect((await upload(tok.secA1, PNG)).status).toBe(404);
    });

    it('attaches the member’s own pictures in order and serves them to the member and the home side only', async () => {
      const s = await sender(w.branchA1);
      const other = await sender(w.branchA1);
      const a = (await upload(s.token, JPEG, 'a.jpg')).body.id as string;
      const b = (await upload(s.token, PNG)).body.id as string;
      const foreign = (await upload(other.token, PNG)).body.id as string;

      const stolen = await post(s.token, SuggestionRoutes.mine, {
        category: 'other',
        title: '借用别人的图',
        text: '内容',
        imageIds: [foreign],
        clientKey: key(),
      });
      expect(stolen.status).toBe(422);
      expect(stolen.body.code).toBe(ErrorCode.SUGGESTION_IMAGE_INVALID);
      const tooMany = await post(s.token, SuggestionRoutes.mine, {
        category: 'other',
        title: '图太多',
        text: '内容',
        imageIds: [a, b, foreign, a, b],
        clientKey: key(),
      });
      expect(tooMany.status).toBe(400);

      const sent = await send(s, { imageIds: [b, a] });
      expect(sent.imageIds).toEqual([b, a]);
      expect(sent.imageCount).toBe(2);
      const imageUrl = (id: string) => SuggestionRoutes.image.replace(':id', sent.id).replace(':imageId', id);
      for (const token of [s.token, tok.secA1, tok.adminA]) {
        const res = await get(token, imageUrl(a)).buffer(true);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('image/jpeg');
        expect(Buffer.compare(res.body as Buffer, JPEG)).toBe(0);
      }
      expect((await get(tok.committeeA1, imageUrl(a))).status).toBe(403);
      for (const token of [other.token, tok.secA2, tok.adminB, tok.receiving, tok.resident]) {
        expect((await get(token, imageUrl(a))).status).toBe(404);
      }
      // A picture already attached cannot be attached again.
      const reused = await post(s.token, SuggestionRoutes.mine, {
        category: 'other',
        title: '再用一次',
        text: '内容',
        imageIds: [a],
        clientKey: key(),
      });
      expect(reused.body.code).toBe(ErrorCode.SUGGESTION_IMAGE_INVALID);
    });
  });

  it('deletes pictures never sent after a day, and keeps the ones sent', async () => {
    const s = await sender(w.branchA1);
    const parked = (await upload(s.token, PNG)).body.id as string;
    const fresh = (await upload(s.token, PNG)).body.id as string;
    const kept = (await upload(s.token, JPEG)).body.id as string;
    await send(s, { imageIds: [kept] });
    await sql(`UPDATE suggestion_images SET created_at = now() - interval '25 hours' WHERE id = ANY($1::uuid[])`, [
      [parked, kept],
    ]);
    expect(await t.app.get(SuggestionImagesPurgeService).run()).toBeGreaterThanOrEqual(1);
    const left = await sql<{ id: string }>(`SELECT id FROM suggestion_images WHERE id = ANY($1::uuid[])`, [
      [parked, fresh, kept],
    ]);
    expect(left.map((r) => r.id).sort()).toEqual([fresh, kept].sort());
  });

  describe('sending', () => {
    it('sends once per client key, encrypts the text and puts a to-do in the home branch’s inbox', async () => {
      const s = await sender(w.branchA1);
      const body = {
        category: 'livelihood',
        title: '修村口的路',
        text: '村口的路下雨天泥泞难走，建议硬化。',
        clientKey: key(),
      };
      const first = await post(s.token, SuggestionRoutes.mine, body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'received', memberName: s.name, branchName: w.branchA1.name });
      const retry = await post(s.token, SuggestionRoutes.mine, body);
      expect(retry.body.id).toBe(first.body.id);
      expect(await sql(`SELECT 1 FROM suggestions WHERE member_id = $1`, [s.member.id])).toHaveLength(1);
      const [row] = await sql<{ text_cipher: string }>(`SELECT text_cipher FROM suggestions WHERE id = $1`, [
        first.body.id,
      ]);
      expect(row.text_cipher).not.toContain('泥泞');
      const todo = ((await get(tok.secA1, `${InboxRoutes.list}?limit=100`)).body as Paginated<InboxItem>).items.find(
        (i) => i.subjectId === first.body.id,
      );
      expect(todo).toMatchObject({ kind: 'suggestion.received', category: 'todo', doneAt: null });
    });

    it.each([
      ['an unknown category', { category: 'weather' }],
      ['an empty text', { text: '  ' }],
      ['a title too long', { title: '长'.repeat(41) }],
      ['a bad client key', { clientKey: 'short' }],
      ['an unknown field', { status: 'adopted' }],
    ])('refuses %s', async (_what, change) => {
      const s = await sender(w.branchA1);
      const res = await post(s.token, SuggestionRoutes.mine, {
        category: 'other',
        title: '标题',
        text: '内容',
        clientKey: key(),
        ...change,
      });
      expect(res.status).toBe(400);
    });
  });

  describe('answering and tracking', () => {
    let s: Sender;
    let sug: SuggestionView;

    beforeAll(async () => {
      s = await sender(w.branchA1);
      sug = await send(s);
    });

    it('lists a county’s suggestions with filters and pages, for the home side only', async () => {
      const s2 = await sender(w.branchA2);
      await send(s2, { category: 'economic_development', title: '引进加工厂' });
      const list = async (token: string, query = '') => {
        const res = await get(token, `${SuggestionRoutes.list}${query}`);
        return { status: res.status, ids: ((res.body as Paginated<SuggestionListItem>).items ?? []).map((i) => i.id) };
      };
      expect((await list(tok.adminA, `?orgId=${w.countyA.id}`)).ids).toContain(sug.id);
      expect((await list(tok.adminTownA)).ids).toContain(sug.id);
      expect((await list(tok.secA1)).ids).toContain(sug.id);
      expect((await list(tok.secA2)).ids).not.toContain(sug.id);
      const byCategory = await get(tok.adminA, `${SuggestionRoutes.list}?category=economic_development`);
      expect(
        (byCategory.body as Paginated<SuggestionListItem>).items.every((i) => i.category === 'economic_development'),
      ).toBe(true);
      expect((byCategory.body as Paginated<SuggestionListItem>).items.length).toBeGreaterThan(0);
      expect((await list(tok.adminA, '?status=adopted')).ids).not.toContain(sug.id);
      const page1 = (await get(tok.adminA, `${SuggestionRoutes.list}?limit=1`)).body as Paginated<SuggestionListItem>;
      expect(page1.items).toHaveLength(1);
      const page2 = (await get(tok.adminA, `${SuggestionRoutes.list}?limit=1&cursor=${page1.nextCursor}`))
        .body as Paginated<SuggestionListItem>;
      expect(page2.items[0].id).not.toBe(page1.items[0].id);

      expect((await list(tok.adminB)).ids).not.toContain(sug.id);
      expect((await list(tok.adminB, `?orgId=${w.countyA.id}`)).status).toBe(404);
      expect((await list(tok.receiving)).ids).not.toContain(sug.id);
      expect((await list(tok.committeeA1)).status).toBe(403);
      expect((await list(s.token)).status).toBe(403);
      expect((await list(tok.resident)).status).toBe(403);
    });

    it('refuses to open or move it from the wrong role, side or person', async () => {
      expect((await get(tok.committeeA1, path(SuggestionRoutes.one, sug.id))).status).toBe(403);
      expect(
        (await post(tok.committeeA1, path(SuggestionRoutes.status, sug.id), { status: 'processing' })).status,
      ).toBe(403);
      const other = await sender(w.branchA1);
      for (const token of [tok.secA2, tok.adminB, tok.receiving, tok.resident, other.token, s.token]) {
        expect((await get(token, path(SuggestionRoutes.one, sug.id))).status).toBe(404);
        expect((await post(token, path(SuggestionRoutes.status, sug.id), { status: 'processing' })).status).toBe(404);
      }
      expect((await get(other.token, path(SuggestionRoutes.myOne, sug.id))).status).toBe(404);
      expect(((await get(other.token, SuggestionRoutes.mine)).body as Paginated<SuggestionListItem>).items).toEqual([]);
      for (const token of [tok.resident, tok.secA1, tok.adminA]) {
        expect((await get(token, SuggestionRoutes.mine)).status).toBe(404);
        expect((await get(token, path(SuggestionRoutes.myOne, sug.id))).status).toBe(404);
        const res = await post(token, SuggestionRoutes.mine, {
          category: 'other',
          title: '标题',
          text: '内容',
          clientKey: key(),
        });
        expect(res.status).toBe(404);
      }
    });

    it('moves forward only, asks for a reply with a final answer, and tells the member each time', async () => {
      const move = (token: string, body: object) => post(token, path(SuggestionRoutes.status, sug.id), body);
      const processing = await move(tok.secA1, { status: 'processing' });
      expect(processing.status).toBe(200);
      expect(processing.body.status).toBe('processing');
      const todo = ((await get(tok.secA1, `${InboxRoutes.list}?limit=100`)).body as Paginated<InboxItem>).items.find(
        (i) => i.subjectId === sug.id,
      );
      expect(todo?.doneAt).not.toBeNull();

      const back = await move(tok.adminA, { status: 'received' });
      expect(back.status).toBe(409);
      expect(back.body.code).toBe(ErrorCode.SUGGESTION_WRONG_STATE);
      const noReply = await move(tok.adminA, { status: 'adopted' });
      expect(noReply.status).toBe(422);
      expect(noReply.body.code).toBe(ErrorCode.SUGGESTION_REPLY_REQUIRED);

      const adopted = await move(tok.adminA, { status: 'adopted', reply: '建议很好，已列入明年村级项目。' });
      expect(adopted.status).toBe(200);
      expect(adopted.body).toMatchObject({ status: 'adopted', reply: '建议很好，已列入明年村级项目。' });
      const after = await move(tok.secA1, { status: 'declined', reply: '不采纳' });
      expect(after.status).toBe(409);
      expect(after.body.code).toBe(ErrorCode.SUGGESTION_WRONG_STATE);

      const seen = (await get(s.token, path(SuggestionRoutes.myOne, sug.id))).body as SuggestionView;
      expect(seen).toMatchObject({ status: 'adopted', reply: '建议很好，已列入明年村级项目。' });
      const mine = (await get(s.token, SuggestionRoutes.mine)).body as Paginated<SuggestionListItem>;
      expect(mine.items.map((i) => i.id)).toEqual([sug.id]);
      const notices = ((await get(s.token, `${InboxRoutes.list}?limit=100`)).body as Paginated<InboxItem>).items
        .filter((i) => i.subjectId === sug.id)
        .map((i) => i.title);
      expect(notices.sort()).toEqual(['您的建议办理中', '您的建议已采纳'].sort());
    });
  });
});
