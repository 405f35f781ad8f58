import {
  PairingRoutes,
  type BranchPairingRow,
  type ConfirmLostRequest,
  type ContactLogEntry,
  type DismissLostRequest,
  type LogContactRequest,
  type LostProposalView,
  type MemberPairingView,
  type MyPairedMember,
  type Paginated,
  type PairMembersRequest,
  type PairingCandidate,
  type PairingView,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

// ── the secretary's pairing screen ──

export function listBranchMembers(branchId: string, cursor?: string): Promise<Paginated<BranchPairingRow>> {
  return http.get<Paginated<BranchPairingRow>>(pathOf(PairingRoutes.branchMembers, { branchId }), {
    query: { cursor, limit: 50 },
  });
}

export function listCandidates(branchId: string): Promise<PairingCandidate[]> {
  return http.get<PairingCandidate[]>(pathOf(PairingRoutes.branchCommittee, { branchId }));
}

export function pairMembers(request: PairMembersRequest): Promise<PairingView[]> {
  return http.post<PairingView[]>(PairingRoutes.pair, request);
}

export function endPairing(id: string): Promise<PairingView> {
  return http.post<PairingView>(pathOf(PairingRoutes.end, { id }), {});
}

export function setAbroad(id: string, abroad: boolean): Promise<PairingView> {
  return http.patch<PairingView>(pathOf(PairingRoutes.one, { id }), { abroad });
}

// ── the committee member ──

export function listMyPaired(): Promise<MyPairedMember[]> {
  return http.get<MyPairedMember[]>(PairingRoutes.mine);
}

// ── one member ──

export function fetchMemberPairing(memberId: string): Promise<MemberPairingView> {
  return http.get<MemberPairingView>(pathOf(PairingRoutes.member, { memberId }));
}

export function listContacts(memberId: string, cursor?: string): Promise<Paginated<ContactLogEntry>> {
  return http.get<Paginated<ContactLogEntry>>(pathOf(PairingRoutes.contacts, { memberId }), { query: { cursor } });
}

export function logContact(memberId: string, request: LogContactRequest): Promise<ContactLogEntry> {
  return http.post<ContactLogEntry>(pathOf(PairingRoutes.contacts, { memberId }), request);
}

// ── lost contact ──

export function listLostProposals(cursor?: string): Promise<Paginated<LostProposalView>> {
  return http.get<Paginated<LostProposalView>>(PairingRoutes.lostProposals, { query: { cursor } });
}

export function confirmLost(id: string, request: ConfirmLostRequest): Promise<LostProposalView> {
  return http.post<LostProposalView>(pathOf(PairingRoutes.confirmLost, { id }), request);
}

export function dismissLost(id: string, request: DismissLostRequest): Promise<LostProposalView> {
  return http.post<LostProposalView>(pathOf(PairingRoutes.dismissLost, { id }), request);
}
