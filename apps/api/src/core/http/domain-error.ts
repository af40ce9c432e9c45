import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A business error with a stable code (per-module enums) and the HTTP status it maps to.
 * The problem+json filter turns it into an RFC 9457 body; `code` is part of the contract.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (entity: string) =>
  new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND, `${entity} not found`);

export const staleVersion = (current: number) =>
  new DomainError(
    'STALE_VERSION',
    HttpStatus.PRECONDITION_FAILED,
    `The record was changed by someone else (current version ${current}). Reload and try again.`,
    undefined,
    { currentVersion: current },
  );

export const conflict = (code: string, message: string, errors?: FieldError[], extra?: Record<string, unknown>) =>
  new DomainError(code, HttpStatus.CONFLICT, message, errors, extra);

export const badRequest = (code: string, field: string, message: string) =>
  new DomainError(code, HttpStatus.BAD_REQUEST, message, [{ field, message }]);

export const unprocessable = (code: string, message: string) =>
  new DomainError(code, HttpStatus.UNPROCESSABLE_ENTITY, message);
