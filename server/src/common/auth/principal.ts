import type { AccountKind, Role } from '@pioneer/shared';
import type { OrgGrant } from '../scope/scope.js';

/** Who is making the request, set by the auth guard from one query per request. */
export interface Principal {
  accountId: string;
  sessionId: string;
  kind: AccountKind;
  roles: Role[];
  /** Live role grants with their org subtrees: what the scope model needs. */
  grants: OrgGrant[];
  /** The roster entry the account is bound to, if any. */
  memberId: string | null;
}

export interface AuthenticatedRequest {
  principal?: Principal;
}
