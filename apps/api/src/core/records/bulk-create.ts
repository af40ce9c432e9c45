import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../http/domain-error';
import { toFieldErrors } from '../http/field-errors';
import { bulkFailure } from './bulk';
import { BulkCreateDto, BulkCreateResponseDto, BulkCreateResultDto } from './bulk-create.dto';

/** The single-record create of a resource, run inside the given transaction (the same rules, audit and events). */
export type CreateInTx<D> = (m: EntityManager, dto: D) => Promise<{ id: string }>;

/** `fn` inside `manager`'s transaction when given, else in a new one: lets a service's create join a bulk batch. */
export function inTransaction<T>(ds: DataSource, manager: EntityManager | undefined, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  return manager ? fn(manager) : ds.transaction(fn);
}

/**
 * Bulk create for every resource alike (`POST /<resource>/bulk/create`): each record is validated against the
 * resource's create DTO (the global pipe's options) and created through its single-record create, so it answers
 * what a single create would. Without `atomic` each record has its own transaction; with it the batch is one
 * transaction with a savepoint per record (so every failure is reported), rolled back whole when any fails.
 */
export async function runBulkCreate<D extends object>(
  ds: DataSource,
  dtoClass: new () => D,
  body: BulkCreateDto,
  atomic: boolean,
  create: CreateInTx<D>,
): Promise<BulkCreateResponseDto> {
  const results: BulkCreateResultDto[] = [];
  const valid: { index: number; dto: D }[] = [];
  for (const [index, raw] of body.records.entries()) {
    const dto = plainToInstance(dtoClass, raw, { enableImplicitConversion: false });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: true, value: true } });
    if (errors.length) results[index] = { index, ok: false, status: 400, code: 'VALIDATION_FAILED', errors: toFieldErrors(errors) };
    else valid.push({ index, dto });
  }
  if (!atomic) {
    for (const { index, dto } of valid) {
      try {
        results[index] = { index, ok: true, id: (await ds.transaction((m) => create(m, dto))).id };
      } catch (err) {
        results[index] = { index, ok: false, ...describe(err) };
      }
    }
  } else if (valid.length === body.records.length) {
    await ds
      .transaction(async (m) => {
        for (const { index, dto } of valid) {
          await m.query('SAVEPOINT bulk_record');
          try {
            results[index] = { index, ok: true, id: (await create(m, dto)).id };
            await m.query('RELEASE SAVEPOINT bulk_record');
          } catch (err) {
            await m.query('ROLLBACK TO SAVEPOINT bulk_record');
            results[index] = { index, ok: false, ...describe(err) };
          }
        }
        if (results.some((r) => !r.ok)) throw new RolledBack();
      })
      .catch((err: unknown) => {
        if (!(err instanceof RolledBack)) throw err;
      });
  }
  if (atomic && results.some((r) => r && !r.ok)) {
    for (const { index } of valid) if (!results[index] || results[index].ok) results[index] = { index, ok: false, status: 424, code: 'BULK_ROLLED_BACK' };
  }
  const created = results.filter((r) => r.ok).length;
  return { created, failed: results.length - created, atomic, results };
}

class RolledBack extends Error {}

function describe(err: unknown): Omit<BulkCreateResultDto, 'index' | 'ok'> {
  if (err instanceof DomainError) return { status: err.status, code: err.code, ...(err.errors ? { errors: err.errors } : {}) };
  return bulkFailure(err);
}
