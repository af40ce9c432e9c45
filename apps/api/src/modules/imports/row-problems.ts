import type { ValidationError } from 'class-validator';
import { DomainError } from '@core/http/domain-error';
import { toFieldErrors } from '@core/http/field-errors';
import type { Locale } from '@core/i18n/locale';
import { translate } from '@core/i18n/translate';

/** Why an import row failed: a field error code (`required`, `too_long`…) or a problem code, with its parameters. */
export interface RowProblem {
  field?: string;
  code: string;
  params?: Record<string, unknown>;
  /** English, for logs and the `error` column. */
  message: string;
}

/** Validation failures of a row: one per field, the same codes a request gets. */
export const validationProblems = (errors: ValidationError[]): RowProblem[] => toFieldErrors(errors);

/** A row the database or a rule refused (`code` says at which step); a DomainError keeps its own code for the wording. */
export function failureProblem(code: 'IMPORT_ROW_UPDATE_FAILED' | 'IMPORT_ROW_FAILED', e: unknown): RowProblem {
  const reason = e instanceof Error ? e.message.slice(0, 400) : String(e);
  const cause = e instanceof DomainError ? { causeCode: e.i18n.key ?? e.code, causeParams: { ...e.extra, ...e.i18n.params } } : {};
  return { code, params: { reason, ...cause }, message: reason };
}

/** The English text of a row's problems (the `error` column). */
export const problemsText = (problems: RowProblem[]): string =>
  problems.map((p) => (p.field && p.code !== 'required' ? `${p.field}: ${p.message}` : p.message)).join('; ');

/**
 * A row's problems worded in `locale`: field errors by code with the column's label for `{field}`,
 * other problems by code (a failure's cause by its own code), the stored English where nothing matches.
 */
export function describeProblems(locale: Locale, problems: RowProblem[], label: (field: string) => string): string {
  return problems
    .map((p) => {
      const params: Record<string, unknown> = { ...p.params, ...(p.field ? { field: label(p.field) } : {}) };
      if (typeof params.causeCode === 'string') {
        params.reason = translate(locale, 'problems', params.causeCode, params.causeParams as Record<string, unknown>) ?? params.reason;
      }
      return translate(locale, 'fieldErrors', p.code, params) ?? translate(locale, 'problems', p.code, params) ?? p.message;
    })
    .join(locale === 'zh-CN' ? '；' : '; ');
}
