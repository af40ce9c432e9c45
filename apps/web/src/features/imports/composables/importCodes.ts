import { ApiError } from '@/api/client';
import { t } from '@/app/i18n';
import { describeError } from '@/composables/describeError';
import type { ImportSummary } from '../api';
import { isWorking } from './importWizard';

/** Codes of the import API the SPA words itself (imports.codes.* in both locales): row issues and refusals. */
export const IMPORT_CODES = ['IMPORT_CELL_TOO_LONG', 'IMPORT_ROW_TOO_LARGE', 'IMPORT_TOO_MANY_COLUMNS', 'IMPORT_FILE_EMPTY', 'IMPORT_BUSY'] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];

const isImportCode = (code: unknown): code is ImportCode => IMPORT_CODES.includes(code as ImportCode);

/** A failed import call in the user's language: the import's own codes from the locale files, the rest as usual. */
export function describeImportError(error: unknown): string {
  if (error instanceof ApiError && isImportCode(error.problem.code)) return t(`imports.codes.${error.problem.code}`);
  return describeError(error);
}

/** Whether the user may delete the import: its uploader, or whoever holds imports:delete; never while it works. */
export const canDeleteImport = (job: Pick<ImportSummary, 'ownerId' | 'status'>, userId: string | undefined, mayDeleteAny: boolean): boolean =>
  !isWorking(job.status) && (mayDeleteAny || (!!userId && job.ownerId === userId));
