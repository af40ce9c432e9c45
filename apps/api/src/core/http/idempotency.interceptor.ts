import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, unprocessable } from './domain-error';

interface KeyRow {
  request_hash: string;
  state: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on POST: the first answer for a (user, key) is stored in PostgreSQL for 24 h and
 * replayed for a retry with the same body; the same key with another body is a 422. A failed first
 * attempt stores nothing, so the client can retry it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next.handle();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key', 'Idempotency-Key must be 1-255 visible ASCII characters');
    }
    const userKey = req.user ? `user:${req.user.id}` : `ip:${req.ip}`;
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl.split('?')[0]}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    await this.ds.query(
      `DELETE FROM idempotency_keys WHERE user_key = $1 AND key = $2 AND created_at < now() - interval '24 hours'`,
      [userKey, key],
    );
    const inserted: unknown[] = await this.ds.query(
      `INSERT INTO idempotency_keys (user_key, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [userKey, key, hash],
    );
    if (inserted.length === 0) {
      const rows: KeyRow[] = await this.ds.query(
        `SELECT request_hash, state, status_code, response_body FROM idempotency_keys WHERE user_key = $1 AND key = $2`,
        [userKey, key],
      );
      const row = rows[0];
      if (!row) return next.handle();
      if (row.request_hash !== hash) {
        throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
      }
      if (row.state !== 'done') {
        throw conflict('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
      }
      res.status(row.status_code ?? 200);
      res.setHeader('Idempotent-Replayed', 'true');
      return of(row.response_body ?? undefined);
    }
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          this.ds.query(
            `UPDATE idempotency_keys SET state = 'done', status_code = $3, response_body = $4 WHERE user_key = $1 AND key = $2`,
            [userKey, key, res.statusCode, body === undefined ? null : JSON.stringify(body)],
          ),
        ).pipe(mergeMap(() => of(body))),
      ),
      catchError((err: unknown) =>
        from(this.ds.query(`DELETE FROM idempotency_keys WHERE user_key = $1 AND key = $2`, [userKey, key])).pipe(
          mergeMap(() => throwError(() => err)),
        ),
      ),
    );
  }
}
