import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths, operations } from './schema';
export type { Client, ClientOptions, Middleware } from 'openapi-fetch';
import { isAuthPath, TokenSession } from './session.js';
export { TokenSession, type Tokens } from './session.js';
export { iterate, collect } from './pages.js';
export { verifyWebhook, WebhookVerificationError, type WebhookEvent } from './webhooks.js';

/** The typed client: `client.GET('/api/v1/users', { params: { query: { limit: 50 } } })`. */
export type KeyuanClient = Client<paths>;

/** One field error of a 400 answer. */
export interface ProblemFieldError {
  field: string;
  /** Stable code to word the error by (`required`, `too_long`, … or the problem's code). */
  code?: string;
  /** The code's parameters, e.g. `{ max: 100 }`. */
  params?: Record<string, unknown>;
  /** The same in words, in the language sent as Accept-Language. */
  message: string;
}

/** An RFC 9457 problem+json body, as every error of the API is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Stable machine-readable code (`NOT_FOUND`, `VALIDATION_FAILED`, `LEAD_CONVERTED`…). */
  code?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  [extra: string]: unknown;
}

/** An error answer of the API (or a network failure, with status 0), thrown by {@link unwrap}. */
export class KeyuanApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait, from a 429's Retry-After header. */
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title);
    this.name = 'KeyuanApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get fieldErrors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).title === 'string'
  );
}

/** Turns whatever an error answer carried into a Problem (non-problem bodies get a generic one). */
export function toProblem(body: unknown, response?: Response): Problem {
  if (isProblem(body)) return body;
  const status = response?.status ?? 0;
  const title =
    typeof body === 'string' && body.length > 0 && body.length < 300
      ? body
      : response?.statusText || (status === 0 ? 'Network error' : `HTTP ${status}`);
  return { type: 'about:blank', title, status };
}

export function toApiError(body: unknown, response?: Response): KeyuanApiError {
  const retry = response?.headers.get('Retry-After');
  const seconds = retry != null && retry !== '' && !Number.isNaN(Number(retry)) ? Number(retry) : null;
  return new KeyuanApiError(toProblem(body, response), seconds);
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws a {@link KeyuanApiError}.
 * `const users = await unwrap(client.GET('/api/v1/users'))`
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    // fetch rejects with a TypeError when the server cannot be reached.
    if (err instanceof TypeError) throw new KeyuanApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: err.message });
    throw err;
  }
  const { data, error, response } = result;
  if (!response.ok) throw toApiError(error, response);
  return data as T;
}

export interface KeyuanClientOptions extends ClientOptions {
  /** Base URL of the server, e.g. `https://crm.example.com` (paths already start with /api/v1). */
  baseUrl: string;
  /** An integration key (`ky_live_…`), sent as `X-API-Key`. */
  apiKey?: string;
  /** Returns the current access token, sent as `Authorization: Bearer`. */
  getAccessToken?: () => string | null | undefined;
  /** A login whose access token is sent and refreshed automatically (one refresh and a retry on a 401). */
  session?: TokenSession;
}

/** Creates a typed client for the Keyuan REST API. */
export function createKeyuanClient(options: KeyuanClientOptions): KeyuanClient {
  const { apiKey, getAccessToken, session, ...rest } = options;
  const client = createClient<paths>(rest);
  const token = () => session?.accessToken ?? getAccessToken?.();
  // a copy of each request as sent, so one refused with 401 can be sent again after a refresh
  const pending = new Map<string, Request>();
  const auth: Middleware = {
    onRequest({ request, id }) {
      if (apiKey) request.headers.set('X-API-Key', apiKey);
      const t = token();
      if (t && !apiKey && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${t}`);
      if (session && !isAuthPath(request.url)) pending.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const copy = pending.get(id);
      pending.delete(id);
      if (!session || !copy || response.status !== 401 || !(await session.refresh())) return response;
      const retry = new Request(copy, { headers: new Headers(copy.headers) });
      retry.headers.set('Authorization', `Bearer ${session.accessToken}`);
      return (rest.fetch ?? globalThis.fetch)(retry);
    },
  };
  client.use(auth);
  return client;
}

/** Schema helper: `Schema<'UserResponse'>`. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** The list envelope every collection endpoint answers. */
export interface ListPage<T> {
  data: T[];
  nextCursor: string | null;
  total: number;
}
