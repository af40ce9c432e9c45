import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { PermissionAction, PermissionModule } from '@keyuan/shared';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, DomainError } from '../http/domain-error';
import { BulkAction, BulkActionDto, BulkParamsDto, BulkResponseDto, BulkResultDto } from './bulk.dto';

/** How a kind does one bulk action on one record: the permission it needs, its parameter check, the single-record call. */
export interface BulkHandler {
  permission: PermissionAction;
  /** Throws a 400 for the whole request before anything changes. */
  check?: (params: BulkParamsDto) => void;
  /** The same service call as the single-record endpoint, so the same rules, audit and 403/404/409/412 apply. */
  run: (id: string, params: BulkParamsDto, version: number | undefined) => Promise<unknown>;
}

export type BulkHandlers = Partial<Record<BulkAction, BulkHandler>>;

const log = new Logger('Bulk');

/** A 400 naming the missing parameter (`params.ownerId`...). */
export const requireParam = (params: BulkParamsDto, name: keyof BulkParamsDto, message: string) => {
  if (params[name] === undefined || params[name] === '') throw badRequest('BULK_PARAM_REQUIRED', `params.${name}`, message);
};

/**
 * Runs one bulk action for every kind alike: the action must be one the kind supports (400) and the
 * actor must hold its permission on the kind's module (403 for the whole request); then each id runs
 * through the kind's single-record call in its own transaction, one after the other (no two
 * transactions of one request wait on each other), and answers its own result: ok, or the status and
 * code the single request would have answered. A record is never half changed.
 */
export async function runBulk(actor: AuthUser, module: PermissionModule, handlers: BulkHandlers, dto: BulkActionDto): Promise<BulkResponseDto> {
  const handler = handlers[dto.action];
  if (!handler) throw badRequest('BULK_ACTION_NOT_SUPPORTED', 'action', `"${dto.action}" is not available here; use ${Object.keys(handlers).join(', ')}`);
  if (!actor.grants.some((g) => g.module === module && g.actions.includes(handler.permission))) {
    throw new HttpException(`You need the ${module}:${handler.permission} permission`, HttpStatus.FORBIDDEN);
  }
  const params = dto.params ?? {};
  handler.check?.(params);
  for (const [id, v] of Object.entries(dto.versions ?? {})) {
    if (!Number.isInteger(v) || v < 1) throw badRequest('BULK_INVALID_VERSION', `versions.${id}`, 'a version is a positive integer');
  }
  const results: BulkResultDto[] = [];
  for (const id of dto.ids) {
    try {
      await handler.run(id, params, dto.versions?.[id]);
      results.push({ id, ok: true });
    } catch (err) {
      results.push({ id, ok: false, ...bulkFailure(err) });
    }
  }
  return { results };
}

/** The status and code a failed single-record call would have answered (500 logged). */
export function bulkFailure(err: unknown): { status: number; code: string } {
  if (err instanceof DomainError) return { status: err.status, code: err.code };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    return { status, code: status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 400 ? 'VALIDATION_FAILED' : 'ERROR' };
  }
  // an unexpected failure of one record must not hide what the others did
  log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return { status: 500, code: 'INTERNAL_ERROR' };
}

/** The single-record calls of an owned kind that bulk actions reuse; a kind leaves out what it does not have. */
export interface BulkOps {
  assign?: (id: string, ownerId: string, reason: string | undefined) => Promise<unknown>;
  moveToPool?: (id: string, reason: string, poolId: string | undefined) => Promise<unknown>;
  changeStatus?: { values: readonly string[]; run: (id: string, status: string, version: number | undefined) => Promise<unknown> };
  addTag?: (id: string, tag: string, version: number | undefined) => Promise<unknown>;
  delete?: (id: string, version: number | undefined) => Promise<unknown>;
}

/** The bulk handlers of an owned kind from its single-record calls, with the permission each action needs. */
export function bulkHandlers(ops: BulkOps): BulkHandlers {
  const h: BulkHandlers = {};
  const { assign, moveToPool, changeStatus, addTag } = ops;
  const remove = ops.delete;
  if (assign) {
    h.assign = {
      permission: 'update',
      check: (p) => requireParam(p, 'ownerId', 'assign needs params.ownerId'),
      run: (id, p) => assign(id, p.ownerId!, p.reason),
    };
  }
  if (moveToPool) {
    h.moveToPool = {
      permission: 'update',
      check: (p) => requireParam(p, 'reason', 'moving to a pool needs params.reason'),
      run: (id, p) => moveToPool(id, p.reason!, p.poolId),
    };
  }
  if (changeStatus) {
    h.changeStatus = {
      permission: 'update',
      check: (p) => {
        if (!p.status || !changeStatus.values.includes(p.status)) {
          throw badRequest('BULK_PARAM_REQUIRED', 'params.status', `changeStatus needs params.status, one of ${changeStatus.values.join(', ')}`);
        }
      },
      run: (id, p, v) => changeStatus.run(id, p.status!, v),
    };
  }
  if (addTag) h.addTag = { permission: 'update', check: (p) => requireParam(p, 'tag', 'addTag needs params.tag'), run: (id, p, v) => addTag(id, p.tag!, v) };
  if (remove) h.delete = { permission: 'delete', run: (id, _p, v) => remove(id, v) };
  return h;
}
