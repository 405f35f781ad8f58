import type { INestApplicationContext } from '@nestjs/common';
import type { Role } from '@pioneer/shared';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppConfig } from '../config/app-config.js';
import { MembersService } from '../members/members.service.js';
import { DEMO_MEMBERS } from '../meta/demo-members.js';
import { seedDemoActivities } from './demo-activities.js';
import { seedDemoPoints } from './demo-points.js';
import { seedDemoStudy } from './demo-study.js';
import { seedDemoVolunteer } from './demo-volunteer.js';
import { buildDemoWorld, grantDemoRoles } from './demo-world.js';

export const DEMO_PASSWORD = 'Pioneer@2026';

/** Demo staff; roles other than system_admin are granted on orgs of the demo world. */
export const DEMO_STAFF: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['system_admin'] },
  { username: 'zuzhibu', displayName: '修武县委组织部 刘芳', roles: [] },
  { username: 'shuji', displayName: '东王庄村党支部书记 王红', roles: [] },
  { username: 'zhiwei', displayName: '东王庄村党支部支委 陈刚', roles: [] },
  { username: 'shanghai', displayName: '驻上海流动党员党支部书记 赵明', roles: [] },
];

/** The demo members' roster entries: 张伟 is away under dual management in Shanghai, 李娜 is approved to leave, 王强 is at home. */
const DEMO_MEMBER_RECORDS = [
  { idNumber: '410821198503120038', phone: '13803910001', flow: 'active' },
  { idNumber: '410821199007080043', phone: '13803910002', flow: 'approved' },
  { idNumber: '410821197811230058', phone: '13803910003', flow: null },
] as const;

export interface SeedOptions {
  /** Members per village branch; 20 gives the ~2,000-member demo county. */
  membersPerBranch?: number;
}

/** Fills an empty database with a living demo county; does nothing when any account exists. */
export async function seedDemoData(
  app: INestApplicationContext,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; members?: number; flows?: number }> {
  const accounts = app.get(AccountsService);
  if ((await accounts.countAccounts()) > 0) return { seeded: false };
  const db = app.get(DataSource);
  const members = app.get(MembersService);
  const pii = app.get(PiiCrypto);
  const config = app.get(AppConfig);

  const world = await buildDemoWorld(app, {
    membersPerBranch: options.membersPerBranch ?? 20,
    reservedIdNumbers: DEMO_MEMBER_RECORDS.map((r) => r.idNumber),
  });

  const hash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
  const staffIds: Record<string, string> = {};
  for (const staff of DEMO_STAFF)
    staffIds[staff.username] = await accounts.createStaff(staff.username, staff.displayName, hash, staff.roles);
  await grantDemoRoles(app, world, staffIds);

  const demoMemberIds: string[] = [];
  for (const [i, demo] of DEMO_MEMBERS.entries()) {
    const record = DEMO_MEMBER_RECORDS[i];
    const member = await members.insert(
      members.newMember(
        {
          name: demo.displayName,
          idNumber: record.idNumber,
          phone: record.phone,
          gender: i === 1 ? 'female' : 'male',
          residence: '焦作市修武县东王庄村',
          occupation: '施工员',
          industry: '建筑业',
          skills: ['水电维修'],
        },
        world.firstBranch.id,
        world.firstBranch.path,
      ),
    );
    demoMemberIds.push(member.id);
    const accountId = await accounts.ensureMemberForWechat(config.wechat.appId, demo.openid, demo.displayName);
    await accounts.bindMember(accountId, member.id);
    if (record.flow) {
      const active = record.flow === 'active';
      await db.query(
        `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin,
                            destination_region_code, destination_address_cipher, industry, occupation, approved_at, arrived_at, activated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'outflow_report', '310112', $7, '建筑业', '施工员', now() - interval '60 days', $8, $8)`,
        [
          member.id,
          world.firstBranch.id,
          world.firstBranch.path,
          active ? world.mobileBranch.id : null,
          active ? world.mobileBranch.path : null,
          record.flow,
          pii.encrypt('上海市闵行区七宝镇七莘路'),
          active ? new Date(Date.now() - 50 * 86400000) : null,
        ],
      );
    }
  }
  await seedDemoActivities(app, world.mobileBranch, staffIds.shanghai);
  await seedDemoStudy(app, world.county, staffIds.zuzhibu);
  await seedDemoPoints(app, world, staffIds.shanghai, demoMemberIds[0]);
  await seedDemoVolunteer(app, { mobileBranch: world.mobileBranch, homeBranch: world.firstBranch }, staffIds.shanghai, {
    away: demoMemberIds[0],
    home: demoMemberIds[2],
  });
  return { seeded: true, members: world.members + DEMO_MEMBERS.length, flows: world.flows + 2 };
}
