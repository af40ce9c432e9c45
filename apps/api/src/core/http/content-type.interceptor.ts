import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { DomainError } from './domain-error';

/** What an endpoint accepts unless it declares otherwise with `@ApiConsumes` (e.g. multipart uploads). */
const DEFAULT_MEDIA_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * A request body in a media type the endpoint does not read (text/plain on a JSON endpoint, JSON on an
 * upload) is a 415 UNSUPPORTED_MEDIA_TYPE, instead of being silently treated as an empty body.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    if (hasBody(req)) {
      const declared = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [ctx.getHandler(), ctx.getClass()]);
      const accepted = declared?.length ? declared : DEFAULT_MEDIA_TYPES;
      if (!req.is(accepted)) {
        throw new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          `This endpoint reads ${accepted.filter((t) => !t.includes('*')).join(' or ')} bodies, not ${req.headers['content-type']?.slice(0, 100) || 'a body without Content-Type'}.`,
          undefined,
          undefined,
          {
            params: {
              accepted: accepted.filter((t) => !t.includes('*')).join(' / '),
              received: req.headers['content-type']?.slice(0, 100) || '-',
            },
          },
        );
      }
    }
    return next.handle();
  }
}
