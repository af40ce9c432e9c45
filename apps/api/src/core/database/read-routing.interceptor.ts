import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { currentDatabaseRouting } from '../context/request-context';

export const READ_ROUTE = 'keyuan:read-route';
/** This GET's reads may go to a replica (beyond the convention below). */
export const ReadFromReplica = () => SetMetadata(READ_ROUTE, 'replica');
/** This GET's reads stay on the primary, whatever the convention says. */
export const ReadFromPrimary = () => SetMetadata(READ_ROUTE, 'primary');

const SAFE = new Set(['GET', 'HEAD']);
/** Controllers whose every GET is a report or a search. */
const REPLICA_CONTROLLERS = new Set(['analytics', 'search']);

const segments = (p: unknown): string[] =>
  (Array.isArray(p) ? String(p[0] ?? '') : String(p ?? '')).split('/').filter(Boolean);

/**
 * By convention, without touching modules: a collection list (`GET /leads`, the handler's own path empty),
 * an export (`…/export`), a timeline (`…/timeline`) and every GET of the analytics and search controllers.
 * `@ReadFromReplica()` / `@ReadFromPrimary()` on a handler or controller override it.
 */
export function replicaEligible(handlerPath: unknown, controllerPath: unknown): boolean {
  const own = segments(handlerPath);
  const ctrl = segments(controllerPath);
  if (REPLICA_CONTROLLERS.has(ctrl[0] ?? '')) return true;
  const last = own[own.length - 1];
  return own.length === 0 || last === 'export' || last === 'timeline';
}

/**
 * Decides, per request, whether its reads may go to a replica (DATABASE_READ_URL), and keeps
 * read-your-writes across instances with a marker per user in the primary (`read_your_writes`, unlogged):
 *
 * - a write request (POST, PUT, PATCH, DELETE) of a signed-in user sets the user's marker to now + READ_YOUR_WRITES_MS
 *   before the handler runs, and again after it when it ran long or wrote from a GET;
 * - a replica-eligible GET goes to a replica only when the user has no live marker (one primary-key lookup on
 *   the primary, next to the authentication lookup every request already makes there);
 * - anonymous requests, guards (sessions, API keys, rate limits) and background jobs always use the primary.
 *
 * Why the database rather than a signed cookie or header: the marker then holds for every client — the SPA,
 * an integrator's API key, curl — with no cookie jar and no header to echo, and for any number of instances
 * behind any proxy (no sticky sessions); it costs one indexed lookup per replica-routed request and one upsert
 * per write request, without WAL (unlogged), so the marker itself is never replicated nor waited for.
 */
@Injectable()
export class ReadRoutingInterceptor implements NestInterceptor {
  private readonly enabled: boolean;
  private readonly eligible = new WeakMap<object, boolean>();

  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.enabled = config.databaseReadUrls.length > 0;
  }

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.enabled || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const routing = currentDatabaseRouting();
    const userId = req.user?.id;
    if (!routing || !userId) return next.handle();
    // what the guards wrote (an API key's last use and rate-limit counters) is not the caller's data: only the
    // handler's own writes keep the caller on the primary
    routing.wrote = false;
    const started = Date.now();
    const safe = SAFE.has(req.method);
    if (!safe) await this.mark(userId);
    else if (this.isEligible(ctx) && !(await this.recentlyWrote(userId))) routing.reads = 'replica';
    // the marker must be set before the answer leaves: the caller's next request may come at once
    const after = async () => {
      const long = Date.now() - started > this.config.readYourWritesMs / 4;
      if (routing.wrote && (safe || long)) await this.mark(userId);
    };
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await after();
        return body;
      }),
      catchError((e: unknown) => from(after()).pipe(mergeMap(() => throwError(() => e)))),
    );
  }

  private isEligible(ctx: ExecutionContext): boolean {
    const handler = ctx.getHandler();
    let ok = this.eligible.get(handler);
    if (ok === undefined) {
      const explicit = this.reflector.getAllAndOverride<'replica' | 'primary' | undefined>(READ_ROUTE, [handler, ctx.getClass()]);
      ok = explicit ? explicit === 'replica' : replicaEligible(Reflect.getMetadata(PATH_METADATA, handler), Reflect.getMetadata(PATH_METADATA, ctx.getClass()));
      this.eligible.set(handler, ok);
    }
    return ok;
  }

  private async mark(userId: string): Promise<void> {
    if (this.config.readYourWritesMs === 0) return;
    await this.ds.query(
      `INSERT INTO read_your_writes (user_id, until) VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (user_id) DO UPDATE SET until = EXCLUDED.until`,
      [userId, this.config.readYourWritesMs],
    );
  }

  private async recentlyWrote(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM read_your_writes WHERE user_id = $1 AND until > now()`, [userId]);
    return rows.length > 0;
  }
}
