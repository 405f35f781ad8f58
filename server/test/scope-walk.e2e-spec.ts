import request from 'supertest';
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

/** Routes that hold no member data by design. */
const NOT_MEMBER_DATA = [/^\/api\/health$/, /^\/api\/meta$/, /^\/api\/docs/, /template/];

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/**
 * Reads the live OpenAPI document and calls every GET route — with every path
 * parameter filled by ids from another county — as a caller with no link to
 * that county. No response may carry any of its members. New endpoints are
 * walked automatically.
 */
describe('scope walk: every GET endpoint as an unrelated caller', () => {
  let t: TestApp;
  let secrets: string[];
  let ids: string[];
  let routes: string[];
  let callers: [string, string][];

  beforeAll(async () => {
    t = await startTestApp();
    const w = await createWorld(t.app);
    const people: MemberFixture[] = [
      await createMember(t.app, w.branchA1, { name: '欧阳秘密' }),
      await createMember(t.app, w.branchA2, { name: '司马隐私' }),
    ];
    secrets = people.flatMap((p) => [p.name, p.idNumber, p.phone, p.member.id]);
    ids = [w.countyA.id, w.branchA1.id, w.villageA.id, ...people.map((p) => p.member.id)];
    const elsewhere = await createOrg(t.app, w.countyB, 'township', '别处镇');
    const unrelatedBranch = await createOrg(t.app, elsewhere, 'branch', '无关党支部');
    callers = [
      [
        'an unrelated branch secretary',
        await staffToken(t, await createStaff(t.app, ['branch_secretary'], unrelatedBranch.id)),
      ],
      ['an unrelated county admin', await staffToken(t, await createStaff(t.app, ['org_admin'], w.countyB.id))],
      [
        'community staff of the same county',
        await staffToken(t, await createStaff(t.app, ['community_staff'], w.countyA.id)),
      ],
      ['an unbound member', await memberToken(t, null)],
    ];
    const doc = (await request(t.url).get('/api/docs-json')).body as OpenApi;
    routes = Object.entries(doc.paths)
      .filter(([path, ops]) => 'get' in ops && !NOT_MEMBER_DATA.some((re) => re.test(path)))
      .map(([path]) => path);
  });
  afterAll(() => t.close());

  it('finds the member-bearing routes to walk', () => {
    expect(routes).toEqual(expect.arrayContaining(['/api/members', '/api/members/{id}', '/api/orgs/{id}']));
  });

  it('never returns another county’s members to any unrelated caller', async () => {
    let calls = 0;
    for (const [who, token] of callers) {
      for (const route of routes) {
        const params = route.match(/\{[^}]+\}/g) ?? [];
        const fillings = params.length === 0 ? [route] : ids.map((id) => route.replace(/\{[^}]+\}/g, id));
        for (const path of fillings) {
          const res = await request(t.url).get(path).set('authorization', `Bearer ${token}`).buffer(true);
          calls += 1;
          const type = String(res.headers['content-type'] ?? '');
          if (!type.includes('json') && !type.includes('text')) {
            // A file (spreadsheet) cannot be searched for names: it must simply be refused.
            expect({ who, path, status: res.status }).toEqual({ who, path, status: expect.any(Number) });
            expect(res.status).toBeGreaterThanOrEqual(400);
            continue;
          }
          const body = res.text;
          for (const secret of secrets) {
            if (body.includes(secret)) throw new Error(`${who} got ${secret} from GET ${path} (${res.status})`);
          }
          expect(res.status).toBeLessThan(500);
        }
      }
    }
    expect(calls).toBeGreaterThan(callers.length * routes.length - 1);
  });
});
