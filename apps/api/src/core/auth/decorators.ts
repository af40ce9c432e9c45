import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { PermissionAction, PermissionModule, SpecialPermission } from '@keyuan/shared';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'keyuan:public';
export const REQUIRED_PERMISSION = 'keyuan:permission';
export const REQUIRED_SPECIAL = 'keyuan:special';
export const BEFORE_PASSWORD_CHANGE = 'keyuan:before-password-change';

/** No authentication needed (login, health, public forms). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/**
 * Usable while the user must still choose a new password (after an admin reset): who am I, change my
 * password. Every other endpoint answers 403 PASSWORD_CHANGE_REQUIRED until then.
 */
export const AllowBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

/** The module action an endpoint needs; the data scope of that grant is applied in the service's query. */
export const RequirePermission = (module: PermissionModule, action: PermissionAction) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, { module, action }),
    ApiExtension('x-required-permission', `${module}:${action}`),
  );

/** A permission outside the CRUD matrix, such as `restore` or `viewSensitive`. */
export const RequireSpecial = (permission: SpecialPermission) =>
  applyDecorators(SetMetadata(REQUIRED_SPECIAL, permission), ApiExtension('x-required-special-permission', permission));

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/**
 * The version the client expects, from `If-Match` (the ETag of a GET, `"3"`, `W/"3"` or `3`); undefined when absent.
 * A body `version` is the fallback the services apply.
 */
export const IfMatchVersion = createParamDecorator((_data: unknown, ctx: ExecutionContext): number | undefined => {
  const raw = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['if-match'];
  if (!raw) return undefined;
  // the version is the tag's leading number: `W/"3-x7Yq…"` (what GET answers), `"3"` or `3`
  const m = /^(?:W\/)?"?(\d+)(?:-[A-Za-z0-9_-]*)?"?$/.exec(raw.trim());
  return m ? Number(m[1]) : -1;
});
