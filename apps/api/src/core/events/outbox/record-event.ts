import type { FieldChange } from '../../audit/audit.service';

/** What happened to a record, as committed; derived from its audit entry in the same transaction. */
export const RECORD_EVENT_NAMES = ['record.created', 'record.updated', 'record.deleted', 'record.ownerChanged'] as const;
export type RecordEventName = (typeof RECORD_EVENT_NAMES)[number];

/** A committed event as consumers receive it. */
export interface RecordEvent {
  id: string;
  name: RecordEventName;
  entityType: string;
  entityId: string;
  actorId: string | null;
  /** 0 for a person's change; n + 1 when a rule handling an event of depth n made it. */
  depth: number;
  /** The audit action behind it (`update`, `assign`, `claim`, `return`, `convert`…). */
  action: string;
  /** Changed fields with old and new values (as the audit log keeps them); empty for created and deleted. */
  changes: FieldChange[];
  createdAt: Date;
}

/** Audit actions that move a record between holders (pools' assign / claim / release / return). */
const OWNERSHIP_ACTIONS = new Set(['assign', 'claim', 'release', 'return']);

/** The event an audit entry stands for, or null for entries that change nothing (reveal, merge notes). */
export function eventNameOf(action: string, changes: FieldChange[]): RecordEventName | null {
  // a `reversal` creates the record that reverses another (a negative payment)
  // `receive`: a message that arrived from outside (an inbound SMS) is created by its receipt
  if (action === 'create' || action === 'restore' || action === 'reversal' || action === 'receive') return 'record.created';
  if (action === 'delete') return 'record.deleted';
  if (action === 'merge') return changes.some((c) => c.field === 'mergedInto') ? 'record.deleted' : null;
  if (OWNERSHIP_ACTIONS.has(action)) return 'record.ownerChanged';
  // reveals and approval steps (submit, approve, comment...) are logged on the record but change none of its fields
  // messages sent to a record (`message.sent`, SMS and later email) are on its timeline but change none of its fields
  if (action === 'reveal' || action.startsWith('approval.') || action.startsWith('message.') || changes.length === 0) return null;
  if (changes.some((c) => c.field === 'ownerId')) return 'record.ownerChanged';
  return 'record.updated';
}
