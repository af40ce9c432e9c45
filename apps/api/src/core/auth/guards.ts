import { CanActivate, ExecutionContext, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { DomainError, forbidden } from '../http/domain-error';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiKeyAuthenticator, apiKeyOf } from './api-keys';
import { can, PermissionAction, PermissionModule, SpecialPermission } from '@keyuan/shared';
import type { AuthUser } from './auth-user';
import { BEFORE_PASSWORD_CHANGE, IS_PUBLIC, REQUIRED_PERMISSION, REQUIRED_SPECIAL } from './decorators';
import { JwtStrategy } from './jwt.strategy';

/** Global: every endpoint needs a valid bearer token or API key unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtStrategy,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    // an integrator's API key (`X-API-Key` or `Bearer ky_live_…`), else a user's access token
    const key = apiKeyOf(req);
    req.user = key ? await this.apiKeys.authenticate(req, ctx.switchToHttp().getResponse<Response>(), key) : await this.jwt.authenticate(req);
    // enforced here, not only by the SPA: an API client cannot keep using an admin-set password
    if (req.user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, [ctx.getHandler(), ctx.getClass()])) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', HttpStatus.FORBIDDEN, 'Choose a new password first (POST /api/v1/auth/password)');
    }
    return true;
  }
}

/** Global: enforces @RequirePermission / @RequireSpecial against the user's merged role grants. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const perm = this.reflector.getAllAndOverride<{ module: PermissionModule; action: PermissionAction }>(
      REQUIRED_PERMISSION,
      targets,
    );
    const special = this.reflector.getAllAndOverride<SpecialPermission>(REQUIRED_SPECIAL, targets);
    if (!perm && !special) return true;
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw new UnauthorizedException();
    if (perm && !can(user.grants, perm.module, perm.action)) {
      throw forbidden(`${perm.module}:${perm.action}`);
    }
    if (special && !user.special.includes(special)) {
      throw forbidden(special);
    }
    return true;
  }
}
