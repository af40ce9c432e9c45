import { ApiError, type ProblemFieldError } from '@/api/client';
import { fieldErrorText } from '@/composables/describeError';

/** One row of the import error report: the file line, the column and what is wrong, in the UI's language. */
export interface ImportReportRow {
  line: number | null;
  field: string;
  code: string;
  message: string;
}

/** The per-row errors of a refused rates file (400 EXCHANGE_RATE_IMPORT_INVALID / _COLUMNS), by line; [] for other failures. */
export function importReport(error: unknown, text: (e: ProblemFieldError) => string = fieldErrorText): ImportReportRow[] {
  if (!(error instanceof ApiError) || !String(error.problem.code ?? '').startsWith('EXCHANGE_RATE_IMPORT')) return [];
  return error.fieldErrors
    .map((e) => ({ line: typeof e.params?.line === 'number' ? e.params.line : null, field: e.field, code: e.code ?? '', message: text(e) }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
