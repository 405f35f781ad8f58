import {
  LedgerRoutes,
  type ConfirmFactsRequest,
  type FourFact,
  type FourFactView,
  type ImportMode,
  type ImportReport,
  type LedgerRollupView,
  type Paginated,
  type PersonFileView,
  type UnclearMemberItem,
  type UnclearMembersQuery,
} from '@pioneer/shared';
import type { PickedFile } from '../platform/files';
import { http } from './http';
import { pathOf } from './path';

/** Members with a 四清 fact stale or missing. */
export function listUnclearMembers(query: UnclearMembersQuery): Promise<Paginated<UnclearMemberItem>> {
  return http.get<Paginated<UnclearMemberItem>>(LedgerRoutes.unclear, { query: { ...query } });
}

/** Records that the caller has just checked these facts of one member; answers all four as they now stand. */
export function confirmFacts(memberId: string, facts: FourFact[]): Promise<FourFactView[]> {
  const body: ConfirmFactsRequest = { facts };
  return http.post<FourFactView[]>(pathOf(LedgerRoutes.confirmFacts, { id: memberId }), body);
}

/** 一人一档: the member, their four facts and their flows. */
export function fetchPersonFile(memberId: string): Promise<PersonFileView> {
  return http.get<PersonFileView>(pathOf(LedgerRoutes.personFile, { id: memberId }));
}

export function fetchRollup(orgId: string): Promise<LedgerRollupView> {
  return http.get<LedgerRollupView>(pathOf(LedgerRoutes.rollup, { orgId }));
}

/** Checks (preview) or writes (commit) a filled-in roster template. */
export function importRoster(orgId: string, mode: ImportMode, file: PickedFile): Promise<ImportReport> {
  return http.upload<ImportReport>(LedgerRoutes.import, file, { query: { orgId, mode } });
}

/** Saves the blank import template on the device (with the branch numbers under `orgId`); returns where. */
export function downloadImportTemplate(orgId: string): Promise<string> {
  return http.download(LedgerRoutes.importTemplate, { query: { orgId } });
}

/** Saves the ledger of an org's subtree as .xlsx (masked values); returns where. */
export function downloadLedgerExport(orgId: string): Promise<string> {
  return http.download(pathOf(LedgerRoutes.export, { orgId }));
}
