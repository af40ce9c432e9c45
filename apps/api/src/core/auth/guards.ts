import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { can, PermissionAction, PermissionModule, SpecialPermission } from '@keyuan/shared';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, REQUIRED_PERMISSION, REQUIRED_SPECIAL } from './decorators';

/** Global: every endpoint needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(ctx: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic) return true;
    return super.canActivate(ctx);
  }

  override handleRequest<TUser>(err: unknown, user: TUser, info: unknown): TUser {
    if (err instanceof UnauthorizedException) throw err;
    if (err || !user) {
      const msg =
        info instanceof Error && info.name === 'TokenExpiredError'
          ? 'The access token has expired; refresh it'
          : 'A valid bearer access token is required';
      throw new UnauthorizedException(msg);
    }
    return user;
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
      throw new ForbiddenException(`You need the ${perm.module}:${perm.action} permission`);
    }
    if (special && !user.special.includes(special)) {
      throw new ForbiddenException(`You need the ${special} permission`);
    }
    return true;
  }
}
