import type { INestApplicationContext } from '@nestjs/common';
import type { Role } from '@pioneer/shared';
import { AccountsService } from '../accounts/accounts.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { AppConfig } from '../config/app-config.js';
import { DEMO_MEMBERS } from '../meta/demo-members.js';

export const DEMO_PASSWORD = 'Pioneer@2026';

export const DEMO_STAFF: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['system_admin'] },
  { username: 'zuzhibu', displayName: '县委组织部 刘芳', roles: ['org_admin'] },
  { username: 'shuji', displayName: '支部书记 王红', roles: ['branch_secretary'] },
  { username: 'zhiwei', displayName: '支委委员 陈刚', roles: ['branch_committee'] },
];

/** Fills an empty database with demo accounts; does nothing when any account exists. */
export async function seedDemoData(app: INestApplicationContext): Promise<{ seeded: boolean }> {
  const accounts = app.get(AccountsService);
  if ((await accounts.countAccounts()) > 0) return { seeded: false };
  const hasher = app.get(PasswordHasher);
  const config = app.get(AppConfig);
  const hash = await hasher.hash(DEMO_PASSWORD);
  for (const staff of DEMO_STAFF) await accounts.createStaff(staff.username, staff.displayName, hash, staff.roles);
  for (const member of DEMO_MEMBERS)
    await accounts.ensureMemberForWechat(config.wechat.appId, member.openid, member.displayName);
  return { seeded: true };
}
