import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const RATE_LIMIT = 'keyuan:rate-limit';
export type RateLimitBucket = 'auth' | 'public';

/** Limit an endpoint per client IP with the named bucket's configured budget. */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT, bucket);

/**
 * Counts one hit on `key`'s fixed window (shared by every instance: the counter is a row, the clock the
 * database's). The window opens at the key's first request, so N requests within windowSec of the first
 * always count together. Answers the hits so far and the seconds until the window resets.
 */
export async function hitWindow(ds: DataSource, key: string, windowSec: number): Promise<{ hits: number; resetSec: number }> {
  const rows: { hits: number; reset_ms: string }[] = await ds.query(
    `INSERT INTO rate_limit_buckets (key, window_start, hits) VALUES ($1, clock_timestamp(), 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN rate_limit_buckets.window_start > clock_timestamp() - make_interval(secs => $2) THEN rate_limit_buckets.hits + 1 ELSE 1 END,
       window_start = CASE WHEN rate_limit_buckets.window_start > clock_timestamp() - make_interval(secs => $2) THEN rate_limit_buckets.window_start ELSE clock_timestamp() END
     RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - clock_timestamp()) * 1000) AS reset_ms`,
    [key, windowSec],
  );
  return { hits: rows[0].hits, resetSec: Math.max(1, Math.ceil(Number(rows[0].reset_ms) / 1000)) };
}

/**
 * Fixed-window counters kept in PostgreSQL (an UNLOGGED table), so every API instance on the database
 * shares them. One atomic upsert per request; a client's window opens at its first request.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<RateLimitBucket | undefined>(RATE_LIMIT, ctx.getHandler());
    if (!bucket) return true;
    const { points, windowSec } = bucket === 'public' ? this.config.publicRateLimit : this.config.authRateLimit;
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = `${bucket}:${req.ip ?? 'unknown'}`;
    const { hits, resetSec } = await hitWindow(this.ds, key, windowSec);
    res.setHeader('RateLimit-Limit', String(points));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, points - hits)));
    res.setHeader('RateLimit-Reset', String(resetSec));
    if (hits > points) {
      res.setHeader('Retry-After', String(resetSec));
      throw new HttpException(
        { message: `Too many requests; try again in ${resetSec} s`, code: 'RATE_LIMITED' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }
}
