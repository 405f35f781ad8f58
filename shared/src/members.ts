export const MemberRoutes = {
  list: '/api/members',
  one: '/api/members/:id',
  reveal: '/api/members/:id/reveal',
  mine: '/api/members/me',
  bind: '/api/members/bind',
  unbind: '/api/members/:id/unbind',
} as const;

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const MEMBERSHIP_STATUSES = ['full', 'probationary'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  full: '正式党员',
  probationary: '预备党员',
};

/** Mainland resident ID: 17 digits and a check digit or X. */
export const ID_NUMBER_PATTERN = /^[1-9][0-9]{16}[0-9X]$/;
/** Mainland mobile number. */
export const PHONE_PATTERN = /^1[3-9][0-9]{9}$/;

/** GB 11643 check digit of an 18-character resident ID number. */
export function isValidIdNumber(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!ID_NUMBER_PATTERN.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return '10X98765432'[sum % 11] === s[17];
}

/**
 * What the sending side (the member's own branch and the orgs above it) sees:
 * the whole record, with ID number and phone masked. Full values come only
 * from the reveal endpoint, and every reveal is audited.
 */
export interface MemberSendingView {
  side: 'sending';
  id: string;
  branchId: string;
  branchName: string;
  name: string;
  gender: Gender | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumberMasked: string;
  phoneMasked: string | null;
  education: string | null;
  joinedAt: string | null;
  membershipStatus: MembershipStatus;
  residence: string | null;
  occupation: string | null;
  industry: string | null;
  employer: string | null;
  skills: string[];
  /** No smartphone: study materials go by post (红色邮包) instead of to the phone. */
  noSmartphone: boolean;
}

/** What the receiving side sees while a flow is open: who, how to reach them (masked), and where they are in the flow. */
export interface MemberReceivingView {
  side: 'receiving';
  id: string;
  name: string;
  phoneMasked: string | null;
  sendingBranchName: string;
}

/** What a member sees of themself. */
export interface MemberSelfView extends Omit<MemberSendingView, 'side'> {
  side: 'self';
}

export type MemberView = MemberSendingView | MemberReceivingView | MemberSelfView;

/** A full read of the sensitive fields; audited. */
export interface MemberRevealView {
  id: string;
  idNumber: string;
  phone: string | null;
}

export interface MemberListItem {
  id: string;
  side: 'sending' | 'receiving';
  name: string;
  phoneMasked: string | null;
  branchName: string;
  membershipStatus: MembershipStatus;
  /** Status of the open flow, if any. */
  flowStatus: string | null;
}

export interface CreateMemberRequest {
  branchId: string;
  name: string;
  idNumber: string;
  phone?: string;
  gender?: Gender;
  ethnicity?: string;
  birthDate?: string;
  education?: string;
  joinedAt?: string;
  membershipStatus?: MembershipStatus;
  residence?: string;
  occupation?: string;
  industry?: string;
  employer?: string;
  skills?: string[];
}

export interface ListMembersQuery {
  /** Limit to a subtree (must be within the caller's scope). */
  orgId?: string;
  /** Exact name, or a full mobile number, or a full ID number. */
  q?: string;
  side?: 'sending' | 'receiving';
  cursor?: string;
  limit?: number;
}

export interface BindMemberRequest {
  name: string;
  /** Either the phone on the roster, or the last 6 characters of the ID number. */
  phone?: string;
  idLast6?: string;
}
