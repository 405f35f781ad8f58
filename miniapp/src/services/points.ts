import {
  PointsRoutes,
  type BenefitView,
  type CatalogueBenefit,
  type CreateBenefitRequest,
  type ManualAwardRequest,
  type Paginated,
  type PointsBranchSettings,
  type PointsEntryView,
  type PointsSummary,
  type RedeemResult,
  type RedemptionView,
  type ReviewQueueEntry,
  type StaffRedemptionView,
  type UpdateBenefitRequest,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

// ── the member ────────────────────────────────────────────────────────────

export function fetchMyPoints(): Promise<PointsSummary> {
  return http.get<PointsSummary>(PointsRoutes.myPoints);
}

export function listMyEntries(cursor?: string, limit?: number): Promise<Paginated<PointsEntryView>> {
  return http.get<Paginated<PointsEntryView>>(PointsRoutes.myEntries, { query: { cursor, limit } });
}

export function listMyRedemptions(cursor?: string, limit?: number): Promise<Paginated<RedemptionView>> {
  return http.get<Paginated<RedemptionView>>(PointsRoutes.myRedemptions, { query: { cursor, limit } });
}

/** Benefits offered by the orgs above the member's home and receiving branches. */
export function fetchCatalogue(): Promise<CatalogueBenefit[]> {
  return http.get<CatalogueBenefit[]>(PointsRoutes.catalogue);
}

/** Redeems once per call (the client's Idempotency-Key makes a retried request count once). */
export function redeemBenefit(benefitId: string): Promise<RedeemResult> {
  return http.post<RedeemResult>(pathOf(PointsRoutes.redeem, { id: benefitId }));
}

export function cancelRedemption(id: string): Promise<RedemptionView> {
  return http.post<RedemptionView>(pathOf(PointsRoutes.cancelRedemption, { id }));
}

// ── the provider ──────────────────────────────────────────────────────────

export function lookupRedemption(code: string): Promise<StaffRedemptionView> {
  return http.post<StaffRedemptionView>(PointsRoutes.lookupRedemption, { code });
}

export function fulfilRedemption(code: string): Promise<StaffRedemptionView> {
  return http.post<StaffRedemptionView>(PointsRoutes.fulfil, { code });
}

// ── the sending branch ───────────────────────────────────────────────────

export function fetchMemberPoints(memberId: string): Promise<PointsSummary> {
  return http.get<PointsSummary>(pathOf(PointsRoutes.memberPoints, { id: memberId }));
}

export function listMemberEntries(
  memberId: string,
  cursor?: string,
  limit?: number,
): Promise<Paginated<PointsEntryView>> {
  return http.get<Paginated<PointsEntryView>>(pathOf(PointsRoutes.memberEntries, { id: memberId }), {
    query: { cursor, limit },
  });
}

export function awardPoints(memberId: string, request: ManualAwardRequest): Promise<PointsEntryView> {
  return http.post<PointsEntryView>(pathOf(PointsRoutes.manualAward, { id: memberId }), request);
}

export function reverseEntry(entryId: string, reason: string): Promise<PointsEntryView> {
  return http.post<PointsEntryView>(pathOf(PointsRoutes.reverse, { id: entryId }), { reason });
}

export function listReviewQueue(cursor?: string, limit?: number): Promise<Paginated<ReviewQueueEntry>> {
  return http.get<Paginated<ReviewQueueEntry>>(PointsRoutes.reviewQueue, { query: { cursor, limit } });
}

export function approveEntry(entryId: string): Promise<PointsEntryView> {
  return http.post<PointsEntryView>(pathOf(PointsRoutes.approve, { id: entryId }), {});
}

export function rejectEntry(entryId: string, note?: string): Promise<PointsEntryView> {
  return http.post<PointsEntryView>(pathOf(PointsRoutes.reject, { id: entryId }), note ? { note } : {});
}

export function fetchBranchSettings(orgId: string): Promise<PointsBranchSettings> {
  return http.get<PointsBranchSettings>(pathOf(PointsRoutes.branchSettings, { id: orgId }));
}

export function setBranchSettings(orgId: string, reviewRequired: boolean): Promise<PointsBranchSettings> {
  return http.put<PointsBranchSettings>(pathOf(PointsRoutes.branchSettings, { id: orgId }), { reviewRequired });
}

// ── the catalogue (org admins and community staff) ──────────────────────────

export function listBenefits(orgId?: string, cursor?: string, limit?: number): Promise<Paginated<BenefitView>> {
  return http.get<Paginated<BenefitView>>(PointsRoutes.benefits, { query: { orgId, cursor, limit } });
}

export function createBenefit(request: CreateBenefitRequest): Promise<BenefitView> {
  return http.post<BenefitView>(PointsRoutes.benefits, request);
}

export function updateBenefit(id: string, request: UpdateBenefitRequest): Promise<BenefitView> {
  return http.patch<BenefitView>(pathOf(PointsRoutes.benefit, { id }), request);
}
