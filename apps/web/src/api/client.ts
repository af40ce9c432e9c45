import { createKeyuanClient, type KeyuanClient, toApiError } from '@keyuan/sdk';
import { initialLocale } from '@/app/locales';
import { takeEarlySession } from './early-session';
import { session, type TokenPair } from './session';

export { KeyuanApiError as ApiError, unwrap } from '@keyuan/sdk';
export type { Problem, ProblemFieldError, ListPage } from '@keyuan/sdk';
export { session } from './session';

/** Endpoints whose 401 means "bad credentials", not "access token expired". */
const NO_REFRESH = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

function baseUrl(): string {
  return typeof window !== 'undefined' ? window.location.origin : 'http://localhost';
}

let onSessionExpired: () => void = () => {};

/** Called once a 401 could not be cured by a refresh: the app sends the user to the login page. */
export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

let refreshing: Promise<boolean> | null = null;

/** `/auth/me` as index.html's first script fetched it with the first access token (taken once). */
let earlyMe: Promise<unknown> | null = null;

export function takeEarlyMe(): Promise<unknown> | null {
  const me = earlyMe;
  earlyMe = null;
  return me;
}

async function requestNewTokens(): Promise<boolean> {
  // the page's first script may have refreshed already (the old refresh token is spent then): use its answer
  const early = takeEarlySession();
  if (early) {
    const answer = await early;
    if (answer?.tokens) {
      session.setTokens(answer.tokens);
      earlyMe = answer.me;
      return true;
    }
    if (answer && (answer.status === 400 || answer.status === 401 || answer.status === 403)) {
      session.clear();
      return false;
    }
    // no answer (network trouble): ask again below
  }
  const refreshToken = session.refreshToken;
  if (!refreshToken) return false;
  let response: Response;
  try {
    response = await globalThis.fetch(`${baseUrl()}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return false; // network trouble: keep the refresh token for the next try
  }
  if (!response.ok) {
    if (response.status === 400 || response.status === 401 || response.status === 403) session.clear();
    return false;
  }
  session.setTokens((await response.json()) as TokenPair);
  return true;
}

/**
 * Refreshes the tokens, once: concurrent callers share the same refresh request
 * (the API rotates refresh tokens, so a second parallel refresh would fail).
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= requestNewTokens().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The UI's language (the app store keeps it on <html lang>): the API words its messages and files in it. */
function uiLocale(): string {
  return (typeof document !== 'undefined' && document.documentElement.lang) || initialLocale();
}

function withToken(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  else request.headers.delete('Authorization');
  if (!request.headers.has('Accept-Language')) request.headers.set('Accept-Language', uiLocale());
  return request;
}

/**
 * The fetch behind every API call: adds the bearer token, and on a 401 refreshes once and
 * retries once. When that fails the session is over.
 */
export async function authFetch(request: Request): Promise<Response> {
  const exempt = NO_REFRESH.includes(new URL(request.url).pathname);
  // After a reload there is a refresh token but no access token: get one first rather than eat a 401.
  if (!exempt && session.accessToken === null && session.refreshToken !== null) await refreshSession();
  const used = session.accessToken;
  const retry = request.clone();
  const response = await globalThis.fetch(withToken(request, used));
  if (response.status !== 401 || exempt) return response;

  // Another call may have refreshed while this one was in flight: then just retry with the new token.
  const renewed = (session.accessToken !== null && session.accessToken !== used) || (await refreshSession());
  if (!renewed) {
    onSessionExpired();
    return response;
  }
  const second = await globalThis.fetch(withToken(retry, session.accessToken));
  if (second.status === 401) onSessionExpired();
  return second;
}

/** The typed client every feature's api.ts goes through. */
export const api: KeyuanClient = createKeyuanClient({
  baseUrl: baseUrl(),
  fetch: authFetch,
});

/** For endpoints outside the OpenAPI document (e.g. a file download): same auth and refresh. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await authFetch(new Request(`${baseUrl()}${path}`, init));
  if (!response.ok) {
    const body = await response
      .clone()
      .json()
      .catch(() => response.text().catch(() => undefined));
    throw toApiError(body, response);
  }
  return response;
}
