export const AuthRoutes = {
  wechatLogin: '/api/auth/wechat/login',
  wechatPhone: '/api/auth/wechat/phone',
  staffLogin: '/api/auth/staff/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  changePassword: '/api/auth/staff/password',
} as const;

export const AccountKind = {
  MEMBER: 'member',
  STAFF: 'staff',
} as const;
export type AccountKind = (typeof AccountKind)[keyof typeof AccountKind];

/** Roles; what each may see is decided by the scope model on the server. */
export const Role = {
  MEMBER: 'member',
  BRANCH_SECRETARY: 'branch_secretary',
  BRANCH_COMMITTEE: 'branch_committee',
  ORG_ADMIN: 'org_admin',
  COMMUNITY_STAFF: 'community_staff',
  SYSTEM_ADMIN: 'system_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLE_LABELS: Record<Role, string> = {
  member: '党员',
  branch_secretary: '支部书记',
  branch_committee: '支委委员',
  org_admin: '组织部门管理员',
  community_staff: '社区工作人员',
  system_admin: '系统管理员',
};

export interface WechatLoginRequest {
  /** The one-time code from wx.login. */
  code: string;
}

export interface StaffLoginRequest {
  username: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface WechatPhoneRequest {
  /** The one-time code from a getPhoneNumber button. */
  code: string;
}

export interface WechatPhoneView {
  /** Only ever masked: 138****5678. */
  phoneMasked: string;
}

export interface AccountView {
  id: string;
  kind: AccountKind;
  displayName: string;
  roles: Role[];
  /** The roster entry this account is bound to, once bound (see the organisations issue). */
  memberId: string | null;
}

export interface SessionView {
  accessToken: string;
  /** ISO 8601 */
  accessTokenExpiresAt: string;
  refreshToken: string;
  /** ISO 8601 */
  refreshTokenExpiresAt: string;
  account: AccountView;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const STAFF_LOCKOUT_FAILURES = 5;
export const STAFF_LOCKOUT_MINUTES = 15;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_kinds' | 'contains_username' | 'too_common';

export const PASSWORD_PROBLEM_LABELS: Record<PasswordProblem, string> = {
  too_short: `至少 ${PASSWORD_MIN_LENGTH} 个字符`,
  too_long: `不能超过 ${PASSWORD_MAX_LENGTH} 个字符`,
  too_few_kinds: '需要包含大写字母、小写字母、数字、符号中的至少三种',
  contains_username: '不能包含用户名',
  too_common: '太常见，容易被猜到',
};

const COMMON_PASSWORDS = new Set([
  'password123',
  'password1234',
  'qwertyuiop',
  '1234567890',
  'abc1234567',
  'a123456789',
  'iloveyou123',
  'admin12345',
  'admin123456',
  'passw0rd123',
  'p@ssw0rd123',
  'woaini1314',
  'qwer123456',
  'zxcvbnm123',
]);

/** The staff password rules. Returns every problem, empty when the password is acceptable. */
export function checkPassword(password: string, username = ''): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) problems.push('too_few_kinds');
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  if (COMMON_PASSWORDS.has(password.toLowerCase())) problems.push('too_common');
  return problems;
}
