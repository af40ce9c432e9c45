import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { LocalizedRequest } from '../context/request-context';
import { FALLBACK_LOCALE, type Locale } from '../i18n/locale';
import { translate, type MessageParams } from '../i18n/translate';
import { DomainError, FieldError, type FieldErrorInput } from './domain-error';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'STALE_VERSION',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
};

export function problemType(code: string): string {
  return `urn:keyuan:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Unique indexes are named uq_<table>_<field>: the field the client sent twice. */
function fieldFromConstraint(constraint: string | undefined): string | undefined {
  const m = constraint && /^uq_[a-z0-9]+?_(.+)$/.exec(constraint);
  if (!m) return undefined;
  return m[1].replace(/_([a-z])/g, (_s, c: string) => c.toUpperCase());
}

/** Errors of the body parsers (http-errors with a `type`), raw or wrapped by Nest as the cause of an HttpException. */
const BODY_PARSER_PROBLEMS: Record<string, { status: number; code: string; detail: string }> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' },
  'entity.too.deep': { status: 400, code: 'JSON_TOO_DEEP', detail: 'The JSON body nests objects or arrays too deeply.' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large.' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request body has a charset the server does not read.' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request body has a Content-Encoding the server does not read.' },
};

function bodyParserProblem(exception: unknown): { status: number; code: string; detail: string } | undefined {
  const err = exception as { type?: unknown; cause?: { type?: unknown } } | null;
  if (!err || typeof err !== 'object') return undefined;
  const type = typeof err.type === 'string' ? err.type : typeof err.cause?.type === 'string' ? err.cause.type : undefined;
  return type ? BODY_PARSER_PROBLEMS[type] : undefined;
}

/** The one place errors become RFC 9457 problem+json. No stack traces or SQL ever leave the server. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<LocalizedRequest>();
    const locale = req.locale ?? FALLBACK_LOCALE;
    const body = this.toProblem(exception, locale);
    body.instance = req.originalUrl?.split('?')[0];
    body.requestId = req.id;
    if (body.status >= 500) {
      this.logger.error(
        // a failed query's SQL is logged here, not by TypeORM, which cannot tell it from an expected one
        { msg: 'unhandled error', requestId: req.id, path: req.originalUrl, ...(exception instanceof QueryFailedError ? { query: exception.query } : {}) },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (res.headersSent) {
      // a streamed download (CSV export) failed midway: cut the connection so the client sees an
      // incomplete transfer instead of a truncated file that looks whole, or a socket left hanging
      if (!res.writableEnded) res.destroy(exception instanceof Error ? exception : undefined);
      return;
    }
    res.status(body.status).type('application/problem+json').setHeader('Content-Language', locale);
    res.send(JSON.stringify(body));
  }

  /** The problem body of an exception, worded in `locale` (title, detail and field messages; codes stay). */
  toProblem(exception: unknown, locale: Locale = FALLBACK_LOCALE): ProblemBody {
    const body = this.problemOf(exception);
    return localize(body, locale, exception instanceof DomainError ? exception : undefined);
  }

  private problemOf(exception: unknown): ProblemBody {
    const parser = bodyParserProblem(exception);
    if (parser) return this.make(parser.status, parser.code, parser.detail);
    if (exception instanceof DomainError) {
      return this.make(exception.status, exception.code, exception.message, exception.errors, exception.extra);
    }
    if (exception instanceof BadRequestException) {
      const resp = exception.getResponse() as { message?: unknown; errors?: FieldErrorInput[] };
      if (Array.isArray(resp.errors)) {
        const errors = resp.errors.map((e) => ({ ...e, code: e.code ?? 'invalid' }));
        return this.make(400, 'VALIDATION_FAILED', 'The request has invalid fields.', errors);
      }
      const msg = typeof resp.message === 'string' ? resp.message : exception.message;
      return this.make(400, 'BAD_REQUEST', msg);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const resp = exception.getResponse();
      const detail =
        typeof resp === 'string'
          ? resp
          : typeof (resp as { message?: unknown }).message === 'string'
            ? ((resp as { message: string }).message)
            : exception.message;
      const code = (resp as { code?: string }).code ?? DEFAULT_CODES[status] ?? `HTTP_${status}`;
      return this.make(status, code, detail);
    }
    if (exception instanceof QueryFailedError) {
      const d = exception.driverError as { code?: string; constraint?: string; detail?: string };
      if (d.code === '23505') {
        const field = fieldFromConstraint(d.constraint);
        return this.make(
          409,
          'DUPLICATE',
          field ? `A record with this ${field} already exists.` : 'A record with these values already exists.',
          field ? [{ field, code: 'already_exists', message: 'already exists' }] : undefined,
        );
      }
      if (d.code === '23502') {
        const column = (exception.driverError as { column?: string }).column;
        const field = column?.replace(/_([a-z])/g, (_s, c: string) => c.toUpperCase()) ?? 'body';
        return this.make(400, 'VALIDATION_FAILED', `${field} cannot be empty.`, [{ field, code: 'not_null', message: 'cannot be empty' }]);
      }
      if (d.code === '23503') return this.make(409, 'REFERENCED', 'A referenced record does not exist or is still in use.');
      // 22P02 bad text representation, 22003 out of range, 22001 too long, 22007/22008 bad date/time,
      // 22P05 untranslatable character (\u0000 in jsonb), 22021 invalid byte sequence (NUL in text)
      if (['22P02', '22003', '22001', '22007', '22008', '22P05', '22021'].includes(d.code ?? '')) {
        return this.make(400, 'INVALID_VALUE', 'A value has the wrong format or is out of range.');
      }
      if (d.code === '40001' || d.code === '40P01') {
        return this.make(409, 'CONCURRENT_UPDATE', 'The record was being changed concurrently; try again.');
      }
    }
    return this.make(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Quote the requestId when you report it.');
  }

  private make(
    status: number,
    code: string,
    detail: string,
    errors?: FieldError[],
    extra?: Record<string, unknown>,
  ): ProblemBody {
    return {
      type: problemType(code),
      title: HttpStatus[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors && errors.length ? { errors } : {}),
      ...(extra ?? {}),
    };
  }
}

/**
 * Words a problem in the request's language from the catalogue (core/i18n): the title by status, the detail
 * by code (or the DomainError's `i18n.key`) with its params and extension fields, each field message by its
 * code and params. Anything the catalogue cannot word (an unknown code, a missing parameter) keeps the
 * English sentence the thrower wrote. The codes never change with the language.
 */
function localize(body: ProblemBody, locale: Locale, error?: DomainError): ProblemBody {
  const params: MessageParams = { ...(body as Record<string, unknown>), ...error?.extra, ...error?.i18n.params };
  if (body.code === 'BAD_REQUEST') params.reason = body.detail;
  if (body.code === 'RATE_LIMITED') params.seconds = /(\d+) s/.exec(body.detail)?.[1];
  // a 404 that is no DomainError is Nest's own for a path no route serves ("Cannot GET /api/v1/x")
  const key = error?.i18n.key ?? (body.code === 'NOT_FOUND' && !error ? 'NOT_FOUND_ROUTE' : body.code);
  if (key === 'NOT_FOUND_ROUTE') params.reason = body.detail;
  return {
    ...body,
    title: translate(locale, 'titles', String(body.status)) ?? body.title,
    detail: translate(locale, 'problems', key, params) ?? body.detail,
    ...(body.errors
      ? {
          errors: body.errors.map((e) => ({
            ...e,
            message:
              // `invalid`: a constraint without a code of its own, worded by whoever threw it
              (e.code === 'invalid' ? e.message : undefined) ??
              translate(locale, 'fieldErrors', e.code, { field: e.field, ...e.params }) ??
              translate(locale, 'problems', e.code, { field: e.field, ...params, ...e.params }) ??
              e.message,
          })),
        }
      : {}),
  };
}
