import { matchesGroup, type FilterGroup, type WorkflowTrigger } from '@keyuan/shared';

/** What a rule is matched against: the event (absent for time-based and dry runs) and the record now. */
export interface MatchContext {
  /** The committed event's name, e.g. `record.updated`. */
  eventName?: string;
  /** Fields the event changed, old → new. */
  changes: { field: string; old: unknown; new: unknown }[];
  record: Record<string, unknown>;
  now: Date;
}

const EVENT_OF: Record<string, string> = {
  created: 'record.created',
  updated: 'record.updated',
  fieldChanged: 'record.updated',
  deleted: 'record.deleted',
  ownerChanged: 'record.ownerChanged',
};

const scalar = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);
const same = (a: unknown, b: unknown) => String(scalar(a) ?? '') === String(scalar(b) ?? '') && (a == null) === (b == null);

/** Whether an event sets off the trigger (time-based triggers are the scheduler's, never an event's). */
export function triggerMatches(trigger: WorkflowTrigger, ctx: MatchContext): boolean {
  if (trigger.type === 'dateReached') return false;
  // an owner change is also an update of the owner fields: "updated" and "fieldChanged ownerId" see it
  const names = trigger.type === 'ownerChanged' ? ['record.ownerChanged'] : [EVENT_OF[trigger.type], ...(trigger.type === 'created' || trigger.type === 'deleted' ? [] : ['record.ownerChanged'])];
  if (!ctx.eventName || !names.includes(ctx.eventName)) return false;
  if (trigger.type !== 'fieldChanged') return true;
  const change = ctx.changes.find((c) => c.field === trigger.field);
  if (!change) return false;
  return trigger.to === undefined || same(change.new, trigger.to);
}

/** All or any of the group's conditions on the record and the event's changes (the shared filter model's meaning). */
export function conditionsMatch(group: FilterGroup, ctx: MatchContext): boolean {
  return matchesGroup(group, ctx.record, { now: ctx.now.getTime(), changes: ctx.changes });
}
