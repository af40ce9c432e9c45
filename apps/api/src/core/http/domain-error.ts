import { HttpStatus } from '@nestjs/common';
import type { FieldError } from './field-errors';

export type { FieldError } from './field-errors';

/** A field error as a throw site gives it: `code` defaults to the problem's code. */
export type FieldErrorInput = Omit<FieldError, 'code'> & { code?: string };

/** How the problem filter words the error: the catalogue key (default: the code) and its parameters. */
export interface MessageSpec {
  key?: string;
  params?: Record<string, unknown>;
}

/**
 * A business error with a stable code (per-module enums) and the HTTP status it maps to.
 * The problem+json filter turns it into an RFC 9457 body, its `detail` worded from the catalogue
 * (core/i18n) in the request's language by `code` (or `i18n.key`) and `i18n.params` plus `extra`;
 * `message` is the English fallback when the catalogue has no text. `code` is part of the contract.
 */
export class DomainError extends Error {
  readonly errors?: FieldError[];

  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    errors?: FieldErrorInput[],
    readonly extra?: Record<string, unknown>,
    readonly i18n: MessageSpec = {},
  ) {
    super(message);
    this.errors = errors?.map((e) => ({ ...e, code: e.code ?? code }));
  }
}

export const notFound = (entity: string) =>
  new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND, `${entity} not found`, undefined, undefined, { params: { entity } });

export const staleVersion = (current: number) =>
  new DomainError(
    'STALE_VERSION',
    HttpStatus.PRECONDITION_FAILED,
    `The record was changed by someone else (current version ${current}). Reload and try again.`,
    undefined,
    { currentVersion: current },
  );

export const forbidden = (permission: string, message = `You need the ${permission} permission`) =>
  new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, message, undefined, undefined, { params: { permission } });

export const conflict = (
  code: string,
  message: string,
  errors?: FieldErrorInput[],
  extra?: Record<string, unknown>,
  i18n?: MessageSpec,
) => new DomainError(code, HttpStatus.CONFLICT, message, errors, extra, i18n);

/** A 400 on one field; the field error carries the same code (and params) unless `fieldCode` says otherwise. */
export const badRequest = (code: string, field: string, message: string, i18n: MessageSpec & { fieldCode?: string } = {}) =>
  new DomainError(code, HttpStatus.BAD_REQUEST, message, [{ field, message, code: i18n.fieldCode ?? code, ...(i18n.params ? { params: i18n.params } : {}) }], undefined, i18n);

export const unprocessable = (code: string, message: string) =>
  new DomainError(code, HttpStatus.UNPROCESSABLE_ENTITY, message);
