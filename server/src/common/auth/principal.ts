import type { AccountKind, Role } from '@pioneer/shared';

/** Who is making the request, set by the auth guard. */
export interface Principal {
  accountId: string;
  sessionId: string;
  kind: AccountKind;
  roles: Role[];
}

export interface AuthenticatedRequest {
  principal?: Principal;
}
