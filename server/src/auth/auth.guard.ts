import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@pioneer/shared';
import type { Request } from 'express';
import { PUBLIC_KEY } from '../common/auth/decorators.js';
import type { AuthenticatedRequest } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { AuthService } from './auth.service.js';

/** Every route needs a live session unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer (pa_[A-Za-z0-9_-]{43})$/.exec(header);
    if (!match) throw new AppException(ErrorCode.UNAUTHENTICATED);
    req.principal = await this.auth.principalForAccessToken(match[1]);
    return true;
  }
}
