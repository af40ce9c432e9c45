import { ApiError, type Problem, type ProblemFieldError } from '@/api/client';
import { i18n, t } from '@/app/i18n';

type Params = Record<string, unknown>;

/** Lists (`allowed` of `invalid_enum`) read as one phrase in the UI's language. */
function shown(params: Params | undefined): Params {
  const sep = i18n.global.locale.value === 'zh-CN' ? '、' : ', ';
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(sep) : v]));
}

/** The first of `keys` the locale files have, rendered with `params`. */
function fromLocale(keys: string[], params: Params): string | undefined {
  const key = keys.find((k) => i18n.global.te(k));
  return key ? t(key, params) : undefined;
}

/**
 * A problem in words from the locale files by its `code` (`problems.codes.<CODE>`, then the older
 * `common.codes.<CODE>`) with its extension members as parameters (`limit`, `held`, `currentVersion`…);
 * undefined when the locale files do not know the code.
 */
export function problemText(problem: Problem): string | undefined {
  const code = problem.code;
  if (typeof code !== 'string') return undefined;
  return fromLocale([`problems.codes.${code}`, `common.codes.${code}`], shown(problem as unknown as Params));
}

/**
 * A field error in words, to show under its field: by its code and params from the locale files
 * (`problems.fields.<code>`, else the problem code's text), else the server's message (already in
 * the language the client sent as Accept-Language).
 */
export function fieldErrorText(error: ProblemFieldError): string {
  const { code } = error;
  const params = shown(error.params);
  if (!code) return error.message;
  return fromLocale([`problems.fields.${code}`, `problems.codes.${code}`, `common.codes.${code}`], params) ?? error.message;
}

/**
 * One line for the user about a failed call: the words the locale files have for the problem's `code`,
 * else the server's detail, else a message per status.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.errors.network');
    if (error.status === 412) return t('common.errors.stale');
    if (error.status === 429) {
      return error.retryAfter != null ? t('common.errors.rateLimitedFor', { seconds: error.retryAfter }) : t('common.errors.rateLimited');
    }
    const text = problemText(error.problem);
    if (text) return text;
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
