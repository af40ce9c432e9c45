import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * Unknown query parameters are a 400, like unknown body fields. A handler that takes a query DTO (`@Query() q`)
 * is checked by the validation pipe (whitelist + forbidNonWhitelisted); this covers the handlers that take
 * no query at all, where `?allowDuplicate=true` or a typo would otherwise be ignored silently.
 */
@Injectable()
export class UnknownQueryInterceptor implements NestInterceptor {
  private readonly takesQuery = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const keys = Object.keys(context.switchToHttp().getRequest<Request>().query ?? {});
      if (keys.length && !this.handlerTakesQuery(context)) {
        throw new BadRequestException({
          errors: keys.map((field) => ({ field, code: 'unknown_query_parameter', message: 'unknown query parameter' })),
        });
      }
    }
    return next.handle();
  }

  private handlerTakesQuery(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let takes = this.takesQuery.get(handler);
    if (takes === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ??
        {}) as Record<string, unknown>;
      takes = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
      this.takesQuery.set(handler, takes);
    }
    return takes;
  }
}
