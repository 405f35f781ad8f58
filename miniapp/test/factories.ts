import { AccountKind, Role, type AccountView, type SessionView } from '@pioneer/shared';

let sequence = 0;

export function makeAccount(overrides: Partial<AccountView> = {}): AccountView {
  sequence += 1;
  return {
    id: `acc-${sequence}`,
    kind: AccountKind.MEMBER,
    displayName: '张建国',
    roles: [Role.MEMBER],
    memberId: null,
    ...overrides,
  };
}

export function makeStaffAccount(overrides: Partial<AccountView> = {}): AccountView {
  return makeAccount({
    kind: AccountKind.STAFF,
    displayName: '李书记',
    roles: [Role.BRANCH_SECRETARY],
    ...overrides,
  });
}

export function makeSession(overrides: Partial<SessionView> = {}): SessionView {
  sequence += 1;
  return {
    accessToken: `access-${sequence}`,
    accessTokenExpiresAt: '2030-01-01T00:15:00.000Z',
    refreshToken: `refresh-${sequence}`,
    refreshTokenExpiresAt: '2030-01-31T00:00:00.000Z',
    account: makeAccount(),
    ...overrides,
  };
}
