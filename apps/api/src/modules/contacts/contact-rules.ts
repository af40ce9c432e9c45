import { fillFromDuplicates, latest } from '@core/crud/record-rules';
import type { Contact } from './contact.entity';

/** Fields the survivor of a merge takes from a duplicate when it has none. */
export const MERGE_FILLABLE = ['title', 'mobile', 'workPhone', 'email', 'wechat', 'birthday', 'gender', 'preferredChannel', 'notes'] as const;

type MergeFields = Pick<
  Contact,
  (typeof MERGE_FILLABLE)[number] | 'accountId' | 'isPrimary' | 'doNotCall' | 'doNotEmail' | 'doNotSms' | 'lastActivityAt'
>;

/**
 * Merge rule for contacts: the survivor keeps its values and fills each empty field from the first
 * duplicate that has one; an opt-out on any of them stays (the person asked once); the latest activity
 * wins; it becomes primary when a duplicate was the primary contact of the same account.
 */
export function mergeContactValues(survivor: MergeFields, duplicates: MergeFields[]): void {
  fillFromDuplicates(survivor, duplicates, MERGE_FILLABLE);
  survivor.lastActivityAt = latest([survivor.lastActivityAt, ...duplicates.map((d) => d.lastActivityAt)]);
  mergeContactFlags(survivor, duplicates);
}

/** The contact-only part of the merge rule (RecordService fills the fields and takes the latest activity). */
export function mergeContactFlags(survivor: MergeFields, duplicates: MergeFields[]): void {
  survivor.doNotCall = survivor.doNotCall || duplicates.some((d) => d.doNotCall);
  survivor.doNotEmail = survivor.doNotEmail || duplicates.some((d) => d.doNotEmail);
  survivor.doNotSms = survivor.doNotSms || duplicates.some((d) => d.doNotSms);
  if (!survivor.isPrimary && duplicates.some((d) => d.isPrimary && d.accountId === survivor.accountId)) survivor.isPrimary = true;
}
