import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { Scope } from './scope.js';

/**
 * The caller's Scope. The auth guard already loaded the live grants and their
 * org paths with the session (one query per request), so this is pure; it
 * stays async so a later source (a cache, a delegation) can slot in.
 */
@Injectable()
export class ScopeService {
  forPrincipal(principal: Principal): Promise<Scope> {
    return Promise.resolve({
      accountId: principal.accountId,
      memberId: principal.memberId,
      roles: principal.roles,
      grants: principal.grants,
      systemAdmin: principal.roles.includes('system_admin'),
    });
  }
}
