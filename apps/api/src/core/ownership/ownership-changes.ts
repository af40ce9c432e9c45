import type { FieldChange } from '../audit/audit.service';

type Holder = { ownerId: string | null; departmentId: string | null; poolId: string | null };

const FIELDS = ['ownerId', 'departmentId', 'poolId'] as const;

/**
 * The one audit shape of every ownership move (assign, claim, release, return) of every kind: the
 * holder fields that changed, old and new, then the reason when one was given.
 */
export function ownershipChanges(before: Holder, after: Holder, reason?: string | null): FieldChange[] {
  const changes: FieldChange[] = FIELDS.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, old: before[f], new: after[f] }));
  if (reason) changes.push({ field: 'reason', old: null, new: reason });
  return changes;
}
