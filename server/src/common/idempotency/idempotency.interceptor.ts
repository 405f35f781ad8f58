import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { ErrorCode, HttpHeader, IDEMPOTENCY_KEY_PATTERN, isErrorEnvelope } from '@pioneer/shared';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { catchError, from, type Observable, of, switchMap, tap, throwError } from 'rxjs';
import { AppException } from '../errors/app-exception.js';
import { NO_IDEMPOTENCY_KEY } from '../auth/decorators.js';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { Clock } from '../time/clock.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEEP_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * A signed-in client's write sent with an Idempotency-Key happens once: a
 * retry with the same key gets the stored answer (marked Idempotent-Replay),
 * the same key with a different body is refused, and a retry while the first
 * is still running is told to wait. Server errors release the key so the
 * client can try again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header(HttpHeader.IDEMPOTENCY_KEY);
    const skip = this.reflector.getAllAndOverride<boolean>(NO_IDEMPOTENCY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (key === undefined || skip || !WRITE_METHODS.has(req.method) || !req.principal) return next.handle();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key))
      return throwError(() => new AppException(ErrorCode.IDEMPOTENCY_KEY_INVALID));

    const principal = req.principal.accountId;
    const path = req.originalUrl.split('?')[0] ?? req.path;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const now = this.clock.now();

    return from(
      this.repository.claim(
        { principal, key, method: req.method, path, requestHash, expiresAt: new Date(now.getTime() + KEEP_FOR_MS) },
        now,
      ),
    ).pipe(
      switchMap((claimed) => {
        if (claimed) {
          const status =
            this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
            (req.method === 'POST' ? 201 : 200);
          return this.runAndStore(next, status, principal, key);
        }
        return from(this.repository.findClaim(principal, key)).pipe(
          switchMap((existing) => {
            if (!existing || existing.requestHash !== requestHash) {
              return throwError(() => new AppException(ErrorCode.IDEMPOTENCY_KEY_REUSED));
            }
            if (existing.state !== 'completed') {
              return throwError(() => new AppException(ErrorCode.IDEMPOTENCY_IN_PROGRESS));
            }
            res.setHeader(HttpHeader.IDEMPOTENT_REPLAY, 'true');
            const stored = existing.responseBody;
            // A stored refusal is replayed through the error filter, which gives it the same status.
            if ((existing.responseStatus ?? 200) >= 400 && isErrorEnvelope(stored)) {
              return throwError(() => new AppException(stored.code, stored.message, stored.details));
            }
            return of(stored);
          }),
        );
      }),
    );
  }

  private runAndStore(next: CallHandler, status: number, principal: string, key: string): Observable<unknown> {
    return next.handle().pipe(
      switchMap((body: unknown) =>
        from(this.repository.complete(principal, key, status, body)).pipe(switchMap(() => of(body))),
      ),
      catchError((error: unknown) => {
        const status = error instanceof AppException ? error.status : 500;
        // A refusal (4xx) is the answer to this request and is replayed; anything else may succeed on retry.
        const stored =
          status < 500 && error instanceof AppException
            ? this.repository.complete(principal, key, status, {
                code: error.code,
                message: error.message,
                ...(error.details !== undefined ? { details: error.details } : {}),
              })
            : this.repository.release(principal, key);
        return from(stored).pipe(
          tap({ error: () => undefined }),
          switchMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
