import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { scopeOf } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { todayIn } from './periods';

/** Most reports kept at once; the oldest goes first beyond it. */
const MAX_ENTRIES = 500;

interface Entry {
  /** When the answer stops being served: its computation's start + the TTL (so its lag is at most the TTL). */
  expires: number;
  value: Promise<unknown>;
  /** The computation finished (only a finished answer is served while a refresh runs). */
  settled: boolean;
  refreshing: boolean;
}

/**
 * A short in-process cache of whole reports per (report, analytics data scope, filters, business day), so a
 * dashboard opened by many people — or refreshed — runs the aggregates once per `ANALYTICS_CACHE_SECONDS`.
 * The scope key is the data the figures depend on: `all` is shared by every such reader; `department` and
 * `own` are the caller's own (their id and department path). Concurrent requests for the same key share one
 * computation. Figures lag the owners' records by at most the TTL; analytics' own writes (targets,
 * adjusted forecasts) clear it. A failed computation is not kept.
 *
 * Refresh ahead: in the second half of its TTL a kept report is still answered at once while one fresh
 * computation runs beside it and replaces it when done, so a dashboard in use never waits for its
 * aggregates again (only the first request of a key, or one after a full TTL without readers, computes
 * while the caller waits). The lag bound stays the TTL: nothing older than it is ever answered.
 */
@Injectable()
export class AnalyticsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.ttlMs = config.analyticsCacheSeconds * 1000;
  }

  /** The key of a report for this caller: scope holder, filters (sorted, defined ones) and the business day. */
  key(report: string, actor: AuthUser, query: object): string {
    const scope = scopeOf(actor, 'analytics');
    // a department scope also keys on its departments, so one created or moved under the holder's counts at once
    const depts = scope === 'department' ? createHash('sha256').update((actor.scopeDepartmentIds ?? []).join(',')).digest('base64url') : '';
    const holder = scope === 'all' ? 'all' : `${scope}:${actor.id}:${actor.departmentPath ?? ''}:${depts}`;
    const filters = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify([report, holder, filters, todayIn(this.config.timezone)]);
  }

  async get<T>(report: string, actor: AuthUser, query: object, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const key = this.key(report, actor, query);
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      if (hit.settled && !hit.refreshing && now >= hit.expires - this.ttlMs / 2) this.refresh(key, hit, compute);
      return hit.value as Promise<T>;
    }
    const value = this.put(key, compute(), now);
    this.evict(now);
    return value;
  }

  /** One background computation for a kept report; it replaces the entry when it succeeds (a failure keeps the old one until it expires). */
  private refresh(key: string, hit: Entry, compute: () => Promise<unknown>): void {
    hit.refreshing = true;
    const started = Date.now();
    compute().then(
      (fresh) => {
        if (this.entries.get(key) === hit) this.put(key, Promise.resolve(fresh), started);
      },
      () => {
        hit.refreshing = false;
      },
    );
  }

  private put<T>(key: string, value: Promise<T>, computedAt: number): Promise<T> {
    const entry: Entry = { expires: computedAt + this.ttlMs, value, settled: false, refreshing: false };
    value.then(
      () => (entry.settled = true),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    this.entries.delete(key);
    this.entries.set(key, entry);
    return value;
  }

  /** Forgets every report (after a write that analytics itself owns). */
  clear(): void {
    this.entries.clear();
  }

  private evict(now: number): void {
    for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
