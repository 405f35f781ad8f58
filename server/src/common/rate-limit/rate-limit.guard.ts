import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@pioneer/shared';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AUTH_RATE_LIMITED_KEY, SKIP_RATE_LIMIT_KEY } from '../auth/decorators.js';
import { AppException } from '../errors/app-exception.js';
import { AppConfig } from '../../config/app-config.js';

/**
 * Per-address request limits: a general one for every route and a stricter one
 * per sign-in route. Counters live in this process (see docs/decisions.md).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly general: RateLimiterMemory;
  private readonly signIn: RateLimiterMemory;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    const duration = Math.max(1, Math.round(config.throttle.ttlMs / 1000));
    this.general = new RateLimiterMemory({ keyPrefix: 'general', points: config.throttle.limit, duration });
    this.signIn = new RateLimiterMemory({ keyPrefix: 'sign-in', points: config.throttle.authLimit, duration });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const client = req.ip ?? 'unknown';
    try {
      await this.general.consume(client);
      if (this.reflector.getAllAndOverride<boolean>(AUTH_RATE_LIMITED_KEY, targets)) {
        await this.signIn.consume(`${context.getClass().name}.${context.getHandler().name}:${client}`);
      }
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new AppException(ErrorCode.RATE_LIMITED, `操作太频繁，请 ${seconds} 秒后再试`, {
        retryAfterSeconds: seconds,
      });
    }
  }
}
