import { ApiError } from '@/api/client';
import { i18n, t } from '@/app/i18n';

/**
 * One line for the user about a failed call: the words the locale files have for the problem's `code`
 * (`common.codes.<CODE>`), else the server's detail, else a message per status.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.errors.network');
    if (error.status === 412) return t('common.errors.stale');
    if (error.status === 429) {
      return error.retryAfter != null ? t('common.errors.rateLimitedFor', { seconds: error.retryAfter }) : t('common.errors.rateLimited');
    }
    const code = error.problem.code;
    if (typeof code === 'string' && i18n.global.te(`common.codes.${code}`)) return t(`common.codes.${code}`);
    if (error.problem.detail) return error.problem.detail;
    if (error.status === 403) return t('common.errors.forbidden');
    if (error.status === 404) return t('common.errors.notFound');
    if (error.status >= 500) return t('common.errors.server');
    return error.problem.title;
  }
  if (error instanceof TypeError) return t('common.errors.network');
  return error instanceof Error ? error.message : String(error);
}

/** The server's request id, to quote when reporting a problem. */
export function requestIdOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.problem.requestId : undefined;
}
