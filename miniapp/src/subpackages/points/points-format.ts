import {
  POINTS_ENTRY_STATUS_LABELS,
  POINTS_MANUAL_MAX,
  POINTS_SOURCE_LABELS,
  REDEMPTION_STATUS_LABELS,
  type BenefitView,
  type CatalogueBenefit,
  type PointsEntryView,
  type RedemptionStatus,
} from '@pioneer/shared';

/** +5 for what was earned, −10 for what was spent (a real minus sign, easy to read). */
export function signedPoints(amount: number): string {
  return amount > 0 ? `+${amount}` : `−${Math.abs(amount)}`;
}

/** The short line under an entry: where it came from and, unless posted, its state. */
export function entryLabel(entry: Pick<PointsEntryView, 'source' | 'status'>): string {
  const source = POINTS_SOURCE_LABELS[entry.source];
  return entry.status === 'posted' ? source : `${source} · ${POINTS_ENTRY_STATUS_LABELS[entry.status]}`;
}

export function redemptionStatusLabel(status: RedemptionStatus): string {
  return REDEMPTION_STATUS_LABELS[status];
}

/** Why a member cannot redeem a benefit now, or null when they can. */
export function whyNotRedeemable(benefit: CatalogueBenefit, balance: number): string | null {
  if (benefit.stock <= 0) return '已兑完';
  if (benefit.perMemberLimit !== null && benefit.redeemedByMe >= benefit.perMemberLimit) return '已达兑换次数';
  if (balance < benefit.cost) return `还差 ${benefit.cost - balance} 分`;
  return null;
}

/** 库存 12 · 每人限 1 次 */
export function stockLine(benefit: Pick<BenefitView, 'stock' | 'perMemberLimit'>): string {
  const limit = benefit.perMemberLimit === null ? '' : ` · 每人限 ${benefit.perMemberLimit} 次`;
  return `库存 ${benefit.stock}${limit}`;
}

/** A whole number of points, not 0, within the manual maximum; null otherwise. */
export function parseAward(text: string): number | null {
  const trimmed = text
    .trim()
    .replace(/^＋/, '+')
    .replace(/^[−－]/, '-');
  if (!/^[+-]?\d+$/.test(trimmed)) return null;
  const amount = Number(trimmed);
  return amount !== 0 && Math.abs(amount) <= POINTS_MANUAL_MAX ? amount : null;
}
