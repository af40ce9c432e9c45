import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';

/** A single record answered to GET carries `ETag: W/"<version>"`, for use in `If-Match`. */
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
          res.setHeader('ETag', `W/"${version}"`);
        }
      }),
    );
  }
}
