import { OrgRoutes, type OrgView } from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

/** The orgs the caller works for (the roots of what they may see). */
export function listMyOrgs(): Promise<OrgView[]> {
  return http.get<OrgView[]>(OrgRoutes.list);
}

export function fetchOrg(id: string): Promise<OrgView> {
  return http.get<OrgView>(pathOf(OrgRoutes.one, { id }));
}

export function listOrgChildren(id: string): Promise<OrgView[]> {
  return http.get<OrgView[]>(pathOf(OrgRoutes.children, { id }));
}
