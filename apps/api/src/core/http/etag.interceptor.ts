import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Observable, tap } from 'rxjs';

/**
 * A single record answered to GET/POST/PATCH carries `ETag: W/"<version>-<digest of the body>"`.
 * The version part is what `If-Match` checks (412 when stale); the digest makes the tag change with
 * every visible change, including fields that move without a new version (last activity time, import
 * progress), so a browser's conditional GET never gets a stale 304.
 */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body: unknown) => {
        if (!body || typeof body !== 'object') return;
        const version = (body as { version?: unknown }).version;
        if (typeof version === 'number' && (req.method === 'GET' || req.method === 'PATCH' || req.method === 'POST')) {
          const digest = createHash('sha1').update(JSON.stringify(body)).digest('base64url').slice(0, 16);
          res.setHeader('ETag', `W/"${version}-${digest}"`);
        }
      }),
    );
  }
}
