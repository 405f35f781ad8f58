import type { INestApplication } from '@nestjs/common';
import type { Role } from '@pioneer/shared';
import { randomBytes } from 'node:crypto';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { PasswordHasher } from '../../src/auth/password-hasher.js';

export const STAFF_PASSWORD = 'Branch-Secretary-2026';

export async function createStaff(
  app: INestApplication,
  roles: Role[] = ['branch_secretary'],
): Promise<{ username: string; password: string; accountId: string }> {
  const username = `staff_${randomBytes(4).toString('hex')}`;
  const hash = await app.get(PasswordHasher).hash(STAFF_PASSWORD);
  const accountId = await app.get(AccountsService).createStaff(username, '测试书记', hash, roles);
  return { username, password: STAFF_PASSWORD, accountId };
}
