import type { Pool } from 'pg';
import type { LoadRequest } from '../run/load';
import type { RssSampler } from '../run/server';

export type Role = 'admin' | 'manager' | 'rep';
export const ROLES: Role[] = ['admin', 'manager', 'rep'];

/** What a scenario may use to build its requests, as one signed-in role. */
export interface ScenarioContext {
  role: Role;
  /** The signed-in user. */
  userId: string;
  /** The bench's heavy rep: in every role's scope, owner filter of the list scenarios. */
  heavyRepId: string;
  /** SQL on the bench database, for picking values that exist in the role's scope. */
  db: Pool;
  /**
   * A WHERE condition (alias-free column names `owner_id`, `department_id`) matching the records this
   * role may read, the same rule as the API's data scope: use it when picking a record to load.
   */
  scopeSql: string;
  /** Calls the API as this role (JSON in, JSON out; throws on a non-2xx answer). */
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** Bearer header of this role. */
  headers: Record<string, string>;
  baseUrl: string;
  /** Server RSS sampler (bulk scenarios report their own peak). */
  rss: RssSampler;
  /** Unique numbers for this run (e.g. phones of created leads): call for the next one. */
  nextUnique(): number;
}

/**
 * A list, search or detail: load-tested against the API and against the floor (the same SQL on a bare
 * node:http + pg server), and its SQL EXPLAINed. `requests` is one iteration (cycled by every connection);
 * return a string instead to skip the scenario for this role with that note.
 */
export interface ReadScenario {
  kind: 'read';
  name: string;
  roles?: Role[];
  requests(ctx: ScenarioContext): Promise<LoadRequest[] | string>;
}

/** A create or action: load-tested against the API only (no floor: it writes). */
export interface WriteScenario {
  kind: 'write';
  name: string;
  roles?: Role[];
  requests(ctx: ScenarioContext): Promise<LoadRequest[] | string>;
}

export interface BulkResult {
  rows: number;
  ms: number;
  peakRssMb: number;
  note?: string;
}

/** One long operation (export, import) run once and timed; a string result is a skip note. */
export interface BulkScenario {
  kind: 'bulk';
  name: string;
  roles?: Role[];
  run(ctx: ScenarioContext): Promise<BulkResult | string>;
}

export type Scenario = ReadScenario | WriteScenario | BulkScenario;

export const read = (name: string, requests: ReadScenario['requests'], roles?: Role[]): ReadScenario => ({ kind: 'read', name, requests, roles });
export const write = (name: string, requests: WriteScenario['requests'], roles?: Role[]): WriteScenario => ({ kind: 'write', name, requests, roles });
export const bulk = (name: string, run: BulkScenario['run'], roles?: Role[]): BulkScenario => ({ kind: 'bulk', name, run, roles });

/** `/api/v1` + path with its query string built from `params` (undefined values left out). */
export function apiPath(path: string, params: Record<string, string | number | undefined> = {}): string {
  const qs = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

/** Follows `nextCursor` until `depth` rows were skipped; the cursor of the page starting there. */
export async function cursorAtDepth(ctx: ScenarioContext, path: string, params: Record<string, string | number>, depth: number): Promise<string | null> {
  let cursor: string | undefined;
  for (let seen = 0; seen < depth; ) {
    const step = Math.min(200, depth - seen);
    const page = await ctx.api<{ data: unknown[]; nextCursor: string | null }>(apiPath(path, { ...params, limit: step, cursor }));
    seen += page.data.length;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return cursor ?? null;
}
