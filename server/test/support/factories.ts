import type { INestApplication } from '@nestjs/common';
import type { Gender, OrgKind, OrgLevel, Role, SessionView } from '@pioneer/shared';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import type { Member } from '../../src/members/member.entity.js';
import { MembersService } from '../../src/members/members.service.js';
import type { Org } from '../../src/orgs/org.entity.js';
import { OrgsService } from '../../src/orgs/orgs.service.js';
import { loginCodeFor, type TestApp } from './test-app.js';

export const STAFF_PASSWORD = 'Branch-Secretary-2026';

export interface StaffUser {
  username: string;
  password: string;
  accountId: string;
}

/** A staff account with the given roles, each limited to `orgId` when given. */
export async function createStaff(
  app: INestApplication,
  roles: Role[] = ['branch_secretary'],
  orgId: string | null = null,
): Promise<StaffUser> {
  const username = `staff_${randomBytes(4).toString('hex')}`;
  const hash = await app.get(PasswordHasher).hash(STAFF_PASSWORD);
  const accounts = app.get(AccountsService);
  const accountId = await accounts.createStaff(username, '测试工作人员', hash, orgId ? [] : roles);
  if (orgId) for (const role of roles) await accounts.grantRole(accountId, role, orgId);
  return { username, password: STAFF_PASSWORD, accountId };
}

export async function staffToken(t: TestApp, staff: StaffUser): Promise<string> {
  const res = await request(t.url)
    .post('/api/auth/staff/login')
    .send({ username: staff.username, password: staff.password });
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${res.text}`);
  return (res.body as SessionView).accessToken;
}

export async function createOrg(
  app: INestApplication,
  parent: Org | null,
  level: OrgLevel,
  name: string,
  kind: OrgKind = 'regular',
): Promise<Org> {
  return app.get(OrgsService).insertTrusted(
    {
      parentId: parent?.id ?? null,
      level,
      kind,
      name,
      regionCode: null,
      address: null,
      latitude: null,
      longitude: null,
      secretaryName: null,
      activityDay: null,
      foundingOrgId: null,
    },
    parent,
  );
}

/**
 * Two home counties and a destination district:
 *   province ─ city ─ countyA ─ townA ─ villageA ─ branchA1, branchA2
 *                   └ countyB ─ townB ─ villageB ─ branchB
 *   province2 ─ city2 ─ district ─ street ─ mobileBranch (流动党员党支部, receiving)
 */
export async function createWorld(app: INestApplication) {
  const province = await createOrg(app, null, 'province', '河南省');
  const city = await createOrg(app, province, 'city', '焦作市');
  const countyA = await createOrg(app, city, 'county', '修武县');
  const townA = await createOrg(app, countyA, 'township', '五里源乡');
  const villageA = await createOrg(app, townA, 'village', '东风村');
  const branchA1 = await createOrg(app, villageA, 'branch', '东风村党支部');
  const branchA2 = await createOrg(app, villageA, 'branch', '东风村第二党支部');
  const countyB = await createOrg(app, city, 'county', '博爱县');
  const townB = await createOrg(app, countyB, 'township', '许良镇');
  const villageB = await createOrg(app, townB, 'village', '西关村');
  const branchB = await createOrg(app, villageB, 'branch', '西关村党支部');
  const province2 = await createOrg(app, null, 'province', '上海市');
  const city2 = await createOrg(app, province2, 'city', '上海市辖区');
  const district = await createOrg(app, city2, 'county', '闵行区');
  const street = await createOrg(app, district, 'township', '七宝镇');
  const mobileBranch = await createOrg(app, street, 'branch', '修武县驻上海流动党员党支部', 'mobile_member_branch');
  return {
    province,
    city,
    countyA,
    townA,
    villageA,
    branchA1,
    branchA2,
    countyB,
    townB,
    villageB,
    branchB,
    province2,
    city2,
    district,
    street,
    mobileBranch,
  };
}

let idSerial = 0;

/** A valid resident ID number (correct check digit), different on every call. */
export function fakeIdNumber(birth = '19850312'): string {
  idSerial += 1;
  const body = `410821${birth}${String(100 + (idSerial % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export function fakePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export interface MemberFixture {
  member: Member;
  name: string;
  idNumber: string;
  phone: string;
}

export async function createMember(
  app: INestApplication,
  branch: Org,
  overrides: Partial<{ name: string; idNumber: string; phone: string; gender: Gender; residence: string }> = {},
): Promise<MemberFixture> {
  const name = overrides.name ?? `党员${randomBytes(2).toString('hex')}`;
  const idNumber = overrides.idNumber ?? fakeIdNumber();
  const phone = overrides.phone ?? fakePhone();
  const members = app.get(MembersService);
  const member = await members.insert(
    members.newMember(
      {
        name,
        idNumber,
        phone,
        gender: overrides.gender ?? 'male',
        residence: overrides.residence ?? '上海市闵行区七宝镇',
      },
      branch.id,
      branch.path,
    ),
  );
  return { member, name, idNumber, phone };
}

/** A member's WeChat session, with the account bound to the roster entry. */
export async function memberToken(
  t: TestApp,
  member: Member | null,
  openid = `o-${randomBytes(6).toString('hex')}`,
): Promise<string> {
  const code = await loginCodeFor(t.standInUrl, openid);
  const res = await request(t.url).post('/api/auth/wechat/login').send({ code });
  const session = res.body as SessionView;
  if (member) await t.app.get(AccountsService).bindMember(session.account.id, member.id);
  return session.accessToken;
}

const branchSecretaries = new Map<string, string>();

/**
 * 报到 as a member does it: with the branch's signed code (fetched as the
 * branch's secretary, made once per app and branch). Answers the response;
 * its body is an ArrivalResult.
 */
export async function arriveAt(
  t: TestApp,
  memberAccessToken: string,
  branch: Org,
  facts: { residence: string; stay: string } = { residence: '上海市闵行区七宝镇', stay: '6_to_12_months' },
  note?: string,
): Promise<request.Response> {
  const cacheKey = `${t.url}|${branch.id}`;
  let secretary = branchSecretaries.get(cacheKey);
  if (!secretary) {
    secretary = await staffToken(t, await createStaff(t.app, ['branch_secretary'], branch.id));
    branchSecretaries.set(cacheKey, secretary);
  }
  const code = await request(t.url).get(`/api/orgs/${branch.id}/code`).set('authorization', `Bearer ${secretary}`);
  if (code.status !== 200) throw new Error(`branch code failed: ${code.status} ${code.text}`);
  return request(t.url)
    .post('/api/arrivals')
    .set('authorization', `Bearer ${memberAccessToken}`)
    .send({
      code: code.body.scene,
      clientId: `arrive-${randomBytes(12).toString('hex')}`,
      facts,
      ...(note ? { note } : {}),
    });
}
