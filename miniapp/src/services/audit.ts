import { AuditRoutes, type AuditPage, type ListAuditQuery } from '@pioneer/shared';
import { http } from './http';

/** Newest first. */
export function listAuditEvents(query: ListAuditQuery): Promise<AuditPage> {
  return http.get<AuditPage>(AuditRoutes.list, { query: { ...query } });
}
