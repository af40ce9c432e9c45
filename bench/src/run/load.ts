import autocannon from 'autocannon';
import type { RssSampler } from './server';

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path with query string, from the server root (e.g. `/api/v1/leads?status=new`). */
  path: string | (() => string);
  /** JSON body, built per request (so each create can be unique). */
  body?: () => unknown;
  /** Headers of this request over the role's (e.g. an API key's `authorization` instead of the role's token). */
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Answers by HTTP status (`{ "201": 950, "422": 50 }`): which errors a write scenario met. */
  statuses?: Record<string, number>;
  /** Peak server RSS during the run, MB. */
  rssMb: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Drives `baseUrl` with autocannon: `connections` concurrent keep-alive connections for `durationSec`
 * seconds, cycling through `requests`. Latency percentiles are computed from every response time
 * (autocannon's own histogram has no p95). Errors = transport errors, timeouts and non-2xx answers.
 */
export async function runLoad(opts: {
  baseUrl: string;
  requests: LoadRequest[];
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
  rss?: RssSampler;
  /**
   * Open loop: this many requests per second in all (autocannon's `overallRate`) instead of each connection
   * sending its next request as soon as the last one answered. The connections only bound what is in flight.
   */
  overallRate?: number;
}): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  opts.rss?.window();
  const instance = autocannon({
    url: opts.baseUrl,
    connections: opts.connections,
    duration: opts.durationSec,
    timeout: 30,
    ...(opts.overallRate ? { overallRate: Math.max(1, Math.round(opts.overallRate)) } : {}),
    headers: { 'content-type': 'application/json', ...opts.headers },
    requests: opts.requests.map((r) => ({
      method: r.method ?? 'GET',
      path: typeof r.path === 'string' ? r.path : '/',
      setupRequest: (req: autocannon.Request) => ({
        ...req,
        ...(r.headers ? { headers: { ...req.headers, ...r.headers } } : {}),
        ...(typeof r.path === 'function' ? { path: r.path() } : {}),
        ...(r.body ? { body: JSON.stringify(r.body()) } : {}),
      }),
    })),
  } as autocannon.Options, () => undefined) as unknown as autocannon.Instance;
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || opts.durationSec),
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    p99: round1(percentile(times, 99)),
    max: round1(times.length ? times[times.length - 1] : 0),
    errors: result.errors + result.timeouts + result.non2xx,
    statuses,
    rssMb: opts.rss ? Math.max(opts.rss.peakMb, opts.rss.sample()) : 0,
  };
}
