import { UPSERT_KEYS, upsertKeyFields } from '@keyuan/shared';
import type { DuplicatePolicy, ImportEncoding, ImportEntity, ImportField, ImportJob, ImportStatus, StartImportBody, UpsertKey } from '../api';

export const STEPS = ['upload', 'map', 'options', 'run', 'summary'] as const;
export type WizardStep = (typeof STEPS)[number];

export interface WizardState {
  step: WizardStep;
  entityType: ImportEntity;
  encoding: ImportEncoding;
  file: File | null;
  /** The uploaded import, refreshed while a job runs. */
  job: ImportJob | null;
  /** Column header → field key ('' = ignored). */
  mapping: Record<string, string>;
  duplicatePolicy: DuplicatePolicy;
  upsertKey: UpsertKey;
  /** The last dry run's result (counts, errors), cleared when the mapping or options change. */
  dryRun: ImportJob | null;
}

export function initialWizard(): WizardState {
  return {
    step: 'upload',
    entityType: 'lead',
    encoding: 'auto',
    file: null,
    job: null,
    mapping: {},
    duplicatePolicy: 'skip',
    upsertKey: 'phone',
    dryRun: null,
  };
}

/** Busy statuses: a job is working on the import. */
const WORKING: ImportStatus[] = ['validating', 'queued', 'running', 'reverting'];
export const isWorking = (status: ImportStatus) => WORKING.includes(status);
/** A poll can stop at these. */
export const isSettled = (status: ImportStatus) => !isWorking(status);

/** After the upload: every header gets the server's suggestion or nothing. */
export function afterUpload(state: WizardState, job: ImportJob): WizardState {
  const mapping = Object.fromEntries(job.headers.map((h) => [h, job.mapping[h] ?? '']));
  return { ...state, job, mapping, upsertKey: job.upsertKey, duplicatePolicy: job.duplicatePolicy, dryRun: null, step: 'map' };
}

/** The fields an upsert key can match (a contact's phone may be its mobile or work phone). */
export const keyFields = (key: UpsertKey): string[] => upsertKeyFields(key);

export type MappingProblem =
  | { code: 'empty' }
  | { code: 'duplicate'; field: string; columns: string[] }
  | { code: 'noName' }
  | { code: 'keyNotMapped'; key: UpsertKey };

/** What stops (or should worry) the user before a run; the server checks the same. */
export function mappingProblems(state: Pick<WizardState, 'mapping' | 'duplicatePolicy' | 'upsertKey'>, fields: readonly ImportField[]): MappingProblem[] {
  const used = Object.entries(state.mapping).filter(([, f]) => f);
  if (!used.length) return [{ code: 'empty' }];
  const problems: MappingProblem[] = [];
  const byField = new Map<string, string[]>();
  for (const [column, field] of used) byField.set(field, [...(byField.get(field) ?? []), column]);
  for (const [field, columns] of byField) if (columns.length > 1) problems.push({ code: 'duplicate', field, columns });
  if (fields.some((f) => f.key === 'name') && !byField.has('name')) problems.push({ code: 'noName' });
  if (state.duplicatePolicy !== 'create' && !keyFields(state.upsertKey).some((f) => byField.has(f))) {
    problems.push({ code: 'keyNotMapped', key: state.upsertKey });
  }
  return problems;
}

/** Problems that forbid going on (a missing name only fails rows, so it is a warning). */
export const blocking = (problems: readonly MappingProblem[]) => problems.filter((p) => p.code !== 'noName');

/**
 * The upsert keys worth offering: those the entity has a field for; a custom module's records (`obj.<key>`) match
 * by name only, and built-in kinds never by name.
 */
export function upsertKeys(fields: readonly ImportField[], entityType = ''): UpsertKey[] {
  const keys = new Set(fields.map((f) => f.key));
  const custom = entityType.startsWith('obj.');
  return UPSERT_KEYS.filter((k) => (k === 'name') === custom && keyFields(k).some((f) => keys.has(f)));
}

export function startBody(state: WizardState, dryRun: boolean): StartImportBody {
  const mapping = Object.fromEntries(Object.entries(state.mapping).filter(([, f]) => f));
  return { mapping, duplicatePolicy: state.duplicatePolicy, upsertKey: state.upsertKey, ...(dryRun ? { dryRun: true } : {}) };
}

/** Where the wizard may go from here. */
export function canEnter(state: WizardState, step: WizardStep, fields: readonly ImportField[] = state.job?.fields ?? []): boolean {
  switch (step) {
    case 'upload':
      return !state.job || state.job.status === 'uploaded' || state.job.status === 'validated' || state.job.status === 'failed';
    case 'map':
    case 'options':
      return state.job !== null && !isWorking(state.job.status) && state.step !== 'run' && state.step !== 'summary';
    case 'run':
      return state.job !== null && blocking(mappingProblems(state, fields)).length === 0;
    case 'summary':
      return state.job !== null && ['completed', 'failed', 'reverted'].includes(state.job.status) && !state.job.dryRun;
  }
}

/** A job update: the dry run's result is kept apart; a finished real run moves on to the summary. */
export function onJobUpdate(state: WizardState, job: ImportJob): WizardState {
  const next = { ...state, job };
  if (job.dryRun && (job.status === 'validated' || job.status === 'failed')) next.dryRun = job;
  if (!job.dryRun && state.step === 'run' && (job.status === 'completed' || job.status === 'failed')) next.step = 'summary';
  return next;
}

/** Changing the mapping or options makes an earlier dry run meaningless. */
export function withSettings(state: WizardState, patch: Partial<Pick<WizardState, 'mapping' | 'duplicatePolicy' | 'upsertKey'>>): WizardState {
  return { ...state, ...patch, dryRun: null };
}
