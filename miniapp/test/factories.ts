import {
  AccountKind,
  Role,
  type AccountView,
  type FlowListItem,
  type FlowSendingView,
  type MemberListItem,
  type MemberSelfView,
  type MemberSendingView,
  type SessionView,
  type UnclearMemberItem,
} from '@pioneer/shared';

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

export function makeMemberSendingView(overrides: Partial<MemberSendingView> = {}): MemberSendingView {
  sequence += 1;
  return {
    side: 'sending',
    id: `member-${sequence}`,
    branchId: 'branch-1',
    branchName: '东王庄村党支部',
    name: '张建国',
    gender: 'male',
    ethnicity: '汉族',
    birthDate: '1980-05-01',
    idNumberMasked: '4*****************2',
    phoneMasked: '138****5678',
    education: '高中',
    joinedAt: '2005-07-01',
    membershipStatus: 'full',
    residence: null,
    occupation: '货车司机',
    industry: '交通运输',
    employer: '个体',
    skills: [],
    noSmartphone: false,
    ...overrides,
  };
}

export function makeMemberSelfView(overrides: Partial<MemberSelfView> = {}): MemberSelfView {
  return { ...makeMemberSendingView(), side: 'self', ...overrides };
}

export function makeMemberListItem(overrides: Partial<MemberListItem> = {}): MemberListItem {
  sequence += 1;
  return {
    id: `member-${sequence}`,
    side: 'sending',
    name: `党员${sequence}`,
    phoneMasked: '138****5678',
    branchName: '东王庄村党支部',
    membershipStatus: 'full',
    flowStatus: null,
    ...overrides,
  };
}

export function makeFlowListItem(overrides: Partial<FlowListItem> = {}): FlowListItem {
  sequence += 1;
  return {
    id: `flow-${sequence}`,
    side: 'sending',
    status: 'reported',
    origin: 'outflow_report',
    memberId: `member-${sequence}`,
    memberName: '王师傅',
    sendingBranchName: '东王庄村党支部',
    receivingBranchName: null,
    expectedFrom: '2025-03-01',
    expectedUntil: '2025-12-31',
    updatedAt: '2025-02-20T08:00:00.000Z',
    ...overrides,
  };
}

export function makeFlowSendingView(overrides: Partial<FlowSendingView> = {}): FlowSendingView {
  sequence += 1;
  return {
    side: 'sending',
    id: `flow-${sequence}`,
    status: 'reported',
    origin: 'outflow_report',
    version: 1,
    memberId: `member-${sequence}`,
    memberName: '王师傅',
    memberPhoneMasked: '138****5678',
    sendingBranchId: 'branch-1',
    sendingBranchName: '东王庄村党支部',
    receivingBranchId: null,
    receivingBranchName: null,
    partyGroupId: null,
    partyGroupName: null,
    expectedFrom: '2025-03-01',
    expectedUntil: '2025-12-31',
    approvedAt: null,
    arrivedAt: null,
    activatedAt: null,
    endedAt: null,
    createdAt: '2025-02-20T08:00:00.000Z',
    updatedAt: '2025-02-20T08:00:00.000Z',
    availableActions: ['approve', 'decline'],
    destinationRegionCode: '320585',
    destinationAddress: '江苏省太仓市璜泾镇',
    industry: '交通运输',
    occupation: '货车司机',
    employer: '个体',
    contactPhoneMasked: '139****4321',
    certificateNo: null,
    changesRequested: null,
    ...overrides,
  };
}

export function makeUnclearMember(overrides: Partial<UnclearMemberItem> = {}): UnclearMemberItem {
  sequence += 1;
  return {
    id: `member-${sequence}`,
    name: `党员${sequence}`,
    phoneMasked: '138****5678',
    branchId: 'branch-1',
    branchName: '东王庄村党支部',
    flowStatus: 'active',
    destinationRegionCode: '320585',
    industry: '交通运输',
    unclear: true,
    facts: [
      { fact: 'identity', state: 'clear' },
      { fact: 'time', state: 'stale' },
      { fact: 'whereabouts', state: 'missing' },
      { fact: 'work', state: 'clear' },
    ],
    ...overrides,
  };
}
