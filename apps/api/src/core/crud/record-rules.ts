import type { DataScope } from '@keyuan/shared';
import { badRequest } from '../http/domain-error';

/**
 * Whether a user with `scope` on a module may make `owner` the owner of a record: anyone with `all`,
 * users of their department subtree with `department`, only themself with `own`.
 */
export function ownerInScope(
  actor: { id: string; departmentPath: string | null },
  scope: DataScope | null,
  owner: { id: string; departmentPath: string | null },
): boolean {
  if (owner.id === actor.id) return scope !== null;
  if (scope === 'all') return true;
  if (scope === 'department') return !!actor.departmentPath && !!owner.departmentPath?.startsWith(actor.departmentPath);
  return false;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * Merge rule shared by every mergeable record: the survivor keeps every value it has; each empty
 * field takes the first non-empty value among the duplicates (in the order given). Returns the fields
 * it filled.
 */
export function fillFromDuplicates<T extends object>(survivor: T, duplicates: T[], fields: readonly (keyof T)[]): (keyof T)[] {
  const filled: (keyof T)[] = [];
  for (const f of fields) {
    if (!isEmpty(survivor[f])) continue;
    const from = duplicates.find((d) => !isEmpty(d[f]));
    if (from) {
      survivor[f] = from[f];
      filled.push(f);
    }
  }
  return filled;
}

/** The latest of several optional times. */
export function latest(dates: (Date | null | undefined)[]): Date | null {
  const valid = dates.filter((d): d is Date => d instanceof Date);
  return valid.length ? new Date(Math.max(...valid.map((d) => d.getTime()))) : null;
}

/**
 * PATCH bodies are partial, so `@IsOptional()` lets an explicit `null` through; fields that cannot be
 * empty answer 400 instead of reaching a NOT NULL column.
 */
export function rejectNulls(dto: object, fields: string[]): void {
  for (const f of fields) {
    if ((dto as Record<string, unknown>)[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be null`, { fieldCode: 'not_null' });
  }
}
