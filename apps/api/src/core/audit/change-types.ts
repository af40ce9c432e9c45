/**
 * How a client should render an audited value: the SPA words fields and options from its locale files
 * by field key and this type, formats times in the reader's zone, and shows names for references.
 */
export const CHANGE_TYPES = ['text', 'option', 'datetime', 'date', 'number', 'boolean', 'list', 'reference'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Kinds of record a reference field points at. */
export const REFERENCE_KINDS = ['user', 'department', 'pool', 'lead', 'account', 'contact', 'role', 'opportunity', 'quote', 'pipeline', 'stage', 'product', 'campaign', 'contract'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

const REFERENCES: Record<string, ReferenceKind | 'self'> = {
  ownerId: 'user',
  assigneeId: 'user',
  createdById: 'user',
  departmentId: 'department',
  roleIds: 'role',
  memberIds: 'user',
  poolId: 'pool',
  leadId: 'lead',
  accountId: 'account',
  parentId: 'account',
  convertedAccountId: 'account',
  contactId: 'contact',
  convertedContactId: 'contact',
  opportunityId: 'opportunity',
  convertedOpportunityId: 'opportunity',
  quoteId: 'quote',
  pipelineId: 'pipeline',
  stageId: 'stage',
  productId: 'product',
  campaignId: 'campaign',
  contractId: 'contract',
  // merges point at records of the audited record's own kind
  mergedInto: 'self',
  mergedFrom: 'self',
};

/** Fields holding a value of a fixed list (statuses, sources...), worded by the client. */
const OPTIONS = new Set(['status', 'source', 'type', 'level', 'lifecycleStage', 'gender', 'preferredChannel', 'priority', 'direction', 'outcome']);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The render type of one audited field (and the kind it references), from its name and its values. */
export function changeTypeOf(entityType: string, field: string, values: unknown[]): { type: ChangeType; ref?: ReferenceKind } {
  const ref = REFERENCES[field];
  if (ref) return { type: 'reference', ref: ref === 'self' ? (REFERENCE_KINDS.find((k) => k === entityType) ?? undefined) : ref };
  if (OPTIONS.has(field)) return { type: 'option' };
  const present = values.filter((v) => v !== null && v !== undefined);
  if (!present.length) return { type: 'text' };
  if (present.every((v) => Array.isArray(v))) return { type: 'list' };
  if (present.every((v) => typeof v === 'boolean')) return { type: 'boolean' };
  if (present.every((v) => typeof v === 'number')) return { type: 'number' };
  if (present.every((v) => typeof v === 'string' && DATE_TIME.test(v))) return { type: 'datetime' };
  if (present.every((v) => typeof v === 'string' && DATE.test(v))) return { type: 'date' };
  return { type: 'text' };
}

/** Ids a reference change mentions (one id, or a list of ids for `mergedFrom`). */
export function referencedIds(values: unknown[]): string[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string' && v.length === 36);
}
