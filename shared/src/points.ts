/**
 * Points (积分): an append-only ledger per member and the benefits it can be
 * exchanged for (兑换). The shapes both sides share, the pure rules that turn
 * a deed into points, and the rule that decides which points expire.
 */

export const PointsRoutes = {
  // ── the member ──
  /** My balance (posted entries only) and what is waiting for review. */
  myPoints: '/api/me/points',
  /** Every entry of mine and why, newest first. */
  myEntries: '/api/me/points/entries',
  myRedemptions: '/api/me/redemptions',
  // ── the sending branch (流出地党支部) ──
  memberPoints: '/api/members/:id/points',
  memberEntries: '/api/members/:id/points/entries',
  /** A manual award (positive) or deduction (negative), always with its reason. */
  manualAward: '/api/members/:id/points/awards',
  /** Corrects a posted entry by appending its opposite. */
  reverse: '/api/points/entries/:id/reverse',
  /** Entries waiting for the branch's review, for branches the caller manages. */
  reviewQueue: '/api/points/review',
  approve: '/api/points/entries/:id/approve',
  reject: '/api/points/entries/:id/reject',
  /** Whether a branch reviews entries before they post (GET, PUT). */
  branchSettings: '/api/orgs/:id/points-settings',
  // ── benefits and redemption ──
  /** Benefits the member can redeem: those offered by orgs above their home or receiving branch. */
  catalogue: '/api/points/catalogue',
  /** Staff: benefits of the orgs they act for (GET with ?orgId), create (POST). */
  benefits: '/api/points/benefits',
  benefit: '/api/points/benefits/:id',
  redeem: '/api/points/benefits/:id/redeem',
  cancelRedemption: '/api/redemptions/:id/cancel',
  /** Staff who provide the benefit: what a code is for, before fulfilling it. */
  lookupRedemption: '/api/redemptions/lookup',
  fulfil: '/api/redemptions/fulfil',
} as const;

/** Rules that produce points from deeds (`award`), plus the ledger's own entries. */
export const POINTS_AWARD_SOURCES = ['checkin', 'study', 'service_hours', 'service_rating', 'manual'] as const;
export type PointsAwardSource = (typeof POINTS_AWARD_SOURCES)[number];

export const POINTS_SOURCES = [
  ...POINTS_AWARD_SOURCES,
  'redemption',
  'redemption_cancel',
  'reversal',
  'expiry',
] as const;
export type PointsSource = (typeof POINTS_SOURCES)[number];

export const POINTS_SOURCE_LABELS: Record<PointsSource, string> = {
  checkin: '活动签到',
  study: '完成学习',
  service_hours: '志愿服务时长',
  service_rating: '服务评价',
  manual: '支部奖励',
  redemption: '兑换',
  redemption_cancel: '取消兑换退回',
  reversal: '更正',
  expiry: '到期清零',
};

export const POINTS_ENTRY_STATUSES = ['pending', 'posted', 'rejected'] as const;
export type PointsEntryStatus = (typeof POINTS_ENTRY_STATUSES)[number];
export const POINTS_ENTRY_STATUS_LABELS: Record<PointsEntryStatus, string> = {
  pending: '待审核',
  posted: '已入账',
  rejected: '未通过',
};

// ── rules ─────────────────────────────────────────────────────────────────

/** The amounts one version of the rules gives. Each entry records the version that produced it. */
export interface PointsRuleSet {
  version: string;
  checkin: number;
  studyPack: number;
  /** Points per full hour of service; service counts in whole half hours. */
  servicePerHour: number;
  /** Points for a rating of 1..5 stars (index 0 = 1 star). */
  ratingStars: readonly [number, number, number, number, number];
}

export const POINTS_RULES_V1: PointsRuleSet = {
  version: 'v1',
  checkin: 2,
  studyPack: 5,
  servicePerHour: 10,
  ratingStars: [0, 0, 0, 3, 5],
};

/** A manual award or deduction is at most this many points either way. */
export const POINTS_MANUAL_MAX = 1000;

export interface PointsRuleInput {
  source: PointsAwardSource;
  /** Minutes for service_hours, stars 1..5 for service_rating; ignored otherwise. */
  quantity?: number;
  /** Only for manual. */
  amount?: number;
}

/**
 * Points a deed earns under `rules`. Service time counts in whole half hours
 * (59 minutes is one half hour); ratings below 4 stars earn nothing; a manual
 * amount is taken as given (whole, non-zero, within ±POINTS_MANUAL_MAX) and
 * anything else gives 0.
 */
export function pointsFor(input: PointsRuleInput, rules: PointsRuleSet = POINTS_RULES_V1): number {
  switch (input.source) {
    case 'checkin':
      return rules.checkin;
    case 'study':
      return rules.studyPack;
    case 'service_hours': {
      const minutes = input.quantity ?? 0;
      if (!Number.isFinite(minutes) || minutes <= 0) return 0;
      const halfHours = Math.floor(minutes / 30);
      return Math.floor((halfHours * rules.servicePerHour) / 2);
    }
    case 'service_rating': {
      const stars = input.quantity ?? 0;
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) return 0;
      return rules.ratingStars[stars - 1];
    }
    case 'manual': {
      const amount = input.amount ?? 0;
      if (!Number.isInteger(amount) || Math.abs(amount) > POINTS_MANUAL_MAX) return 0;
      return amount;
    }
  }
}

// ── expiry ────────────────────────────────────────────────────────────────

/** Points are valid for the year they were earned in and this many years more, by default (Beijing calendar years). */
export const POINTS_DEFAULT_VALID_YEARS = 2;

/** The calendar year (Beijing time, UTC+8, no daylight saving) of an instant. */
export function beijingYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** What the expiry rule needs of one posted entry. */
export interface ExpiryLedgerEntry {
  id: string;
  amount: number;
  source: PointsSource;
  /** Beijing calendar year the entry was posted in. */
  year: number;
  /** For a reversal: the entry it reverses. */
  reversesEntryId?: string | null;
}

/**
 * Points of a member that expire when earnings of `lastExpiredYear` and
 * before run out. Spending takes the oldest points first: every debit
 * (redemptions net of their refunds, deductions, earlier expiries) is set
 * against the earliest earnings, so what remains of the old years is
 * max(0, old earnings − all debits). A reversal takes back the entry it
 * reverses, not the oldest points. The answer is never more than the balance.
 */
export function pointsToExpire(entries: readonly ExpiryLedgerEntry[], lastExpiredYear: number): number {
  const earned = new Map<string, { amount: number; year: number }>();
  for (const e of entries)
    if (e.amount > 0 && e.source !== 'redemption_cancel' && e.source !== 'reversal')
      earned.set(e.id, { amount: e.amount, year: e.year });
  let debits = 0;
  for (const e of entries) {
    if (e.source === 'reversal' && e.reversesEntryId && earned.has(e.reversesEntryId)) {
      const target = earned.get(e.reversesEntryId)!;
      target.amount += e.amount; // amount is negative: the earning is taken back
      continue;
    }
    if (e.amount < 0 || e.source === 'redemption_cancel' || e.source === 'reversal') debits -= e.amount;
  }
  let old = 0;
  let all = 0;
  for (const { amount, year } of earned.values()) {
    all += amount;
    if (year <= lastExpiredYear) old += amount;
  }
  const balance = all - debits;
  return Math.max(0, Math.min(old - debits, balance));
}

// ── redemption codes ──────────────────────────────────────────────────────

/** Characters of a redemption code: digits and capitals without 0/O, 1/I/L. */
export const REDEMPTION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REDEMPTION_CODE_LENGTH = 12;
const REDEMPTION_CODE = new RegExp(`^[${REDEMPTION_CODE_ALPHABET}]{${REDEMPTION_CODE_LENGTH}}$`);

/** What staff typed or scanned, without spaces and dashes, in capitals; null if it cannot be a code. */
export function normaliseRedemptionCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return REDEMPTION_CODE.test(code) ? code : null;
}

/** ABCD-EFGH-JKMN, for reading out and typing. */
export function groupRedemptionCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

// ── views and requests ────────────────────────────────────────────────────

export interface PointsEntryView {
  id: string;
  memberId: string;
  amount: number;
  status: PointsEntryStatus;
  source: PointsSource;
  /** Why, in words the member reads. */
  reason: string;
  ruleVersion: string;
  createdAt: string;
  postedAt: string | null;
  /** For a reversal: the entry it corrects. */
  reversesEntryId: string | null;
  /** Set when a later entry reversed this one. */
  reversedByEntryId: string | null;
}

export interface PointsSummary {
  memberId: string;
  /** Sum of posted entries; never below zero. */
  balance: number;
  /** Sum of entries waiting for the branch's review. */
  pending: number;
  /** The years earned points stay valid (the year earned and this many more minus one). */
  validYears: number;
}

export interface ReviewQueueEntry extends PointsEntryView {
  /** Masked (张*丰). */
  memberName: string;
}

export interface ManualAwardRequest {
  /** Whole points, positive to award, negative to deduct; never 0. */
  amount: number;
  reason: string;
}

export interface ReverseEntryRequest {
  reason: string;
}

export interface ReviewDecisionRequest {
  /** Required when rejecting. */
  note?: string;
}

export interface PointsBranchSettings {
  orgId: string;
  reviewRequired: boolean;
}

export interface SetPointsBranchSettingsRequest {
  reviewRequired: boolean;
}

export interface BenefitView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  description: string | null;
  cost: number;
  stock: number;
  /** At most this many redemptions per member (cancelled ones do not count); null: no limit. */
  perMemberLimit: number | null;
  /** Who provides it (a shop, a service station): shown to the member. */
  provider: string;
  active: boolean;
  createdAt: string;
}

export interface CatalogueBenefit extends BenefitView {
  /** How many the member holds already (not cancelled). */
  redeemedByMe: number;
}

export interface CreateBenefitRequest {
  orgId: string;
  title: string;
  description?: string | null;
  cost: number;
  stock: number;
  perMemberLimit?: number | null;
  provider: string;
  active?: boolean;
}

export type UpdateBenefitRequest = Partial<Omit<CreateBenefitRequest, 'orgId'>>;

export const REDEMPTION_STATUSES = ['issued', 'fulfilled', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  issued: '待核销',
  fulfilled: '已核销',
  cancelled: '已取消',
};

export interface RedemptionView {
  id: string;
  benefitId: string;
  benefitTitle: string;
  provider: string;
  cost: number;
  /** The code the provider scans; holds nothing about the member. Shown only to the member. */
  code: string;
  status: RedemptionStatus;
  createdAt: string;
  fulfilledAt: string | null;
  cancelledAt: string | null;
}

/** What the provider sees of a redemption: no code echo beyond what they typed, the member's name masked. */
export interface StaffRedemptionView {
  id: string;
  benefitId: string;
  benefitTitle: string;
  provider: string;
  cost: number;
  status: RedemptionStatus;
  memberName: string;
  createdAt: string;
  fulfilledAt: string | null;
  cancelledAt: string | null;
}

export interface RedemptionCodeRequest {
  code: string;
}

export interface RedeemResult {
  redemption: RedemptionView;
  balance: number;
}
