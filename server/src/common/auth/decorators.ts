import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from './principal.js';

export const PUBLIC_KEY = 'pioneer:public';
export const AUTH_RATE_LIMITED_KEY = 'pioneer:auth-rate-limited';
export const NO_IDEMPOTENCY_KEY = 'pioneer:no-idempotency';
export const SKIP_RATE_LIMIT_KEY = 'pioneer:skip-rate-limit';

/** The route needs no session. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The route gets the stricter sign-in rate limit (per client address). */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED_KEY, true);

/** Probes (health checks) are not counted against any limit. */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT_KEY, true);

/** Responses hold secrets (tokens): never store them for idempotent replay. */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY_KEY, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
