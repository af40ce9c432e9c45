import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '@core/access/access.service';
import type { AuthUser } from '@core/auth/auth-user';
import { JobsService } from '@core/jobs/jobs.service';
import { Import } from './import.entity';
import { ImportFileStore } from './import-file.store';
import { ImportTarget, ImportTargets } from './import-targets';
import { headerCells, PREVIEW } from './import-preview';
import { FileReadError, readRows, READ_LIMITS, RowIssue, shorten } from './row-reader';
import { failureProblem, problemsText, RowProblem, validationProblems } from './row-problems';

export const IMPORT_JOB = 'imports.process';
export type ImportMode = 'dry-run' | 'run' | 'revert';
const BATCH = 500;

interface RowResult {
  rowNumber: number;
  outcome: 'created' | 'updated' | 'skipped' | 'error';
  entityId?: string;
  before?: Record<string, unknown>;
  /** What the import wrote into those fields (a revert restores only fields still holding it). */
  after?: Record<string, unknown>;
  problems?: RowProblem[];
  raw?: string[];
}

interface Parsed {
  rowNumber: number;
  raw: string[];
  /** The row was cut at read time (a cell too long, a row too large): it fails with this. */
  readError?: RowProblem;
  dto?: Record<string, unknown>;
  /** Set when the row is valid only as an update (required fields missing): why it cannot be created. */
  incomplete?: RowProblem[];
  error?: RowProblem[];
}

/** A row cut at read time, as a problem: the code, and the column (1-based) and limit for the wording. */
function readProblem(issue: RowIssue): RowProblem {
  const max = issue.code === 'IMPORT_CELL_TOO_LONG' ? READ_LIMITS.cellChars : issue.code === 'IMPORT_ROW_TOO_LARGE' ? READ_LIMITS.rowChars : READ_LIMITS.columns;
  return { code: issue.code, params: { max, ...(issue.column !== undefined ? { column: issue.column + 1 } : {}) }, message: issue.message };
}

/**
 * Runs an import as a background job, 500 rows per transaction: parse → map → validate → look up the
 * upsert key (in the database and earlier rows of the file) → skip / update / create, recording each
 * row's outcome (and previous values, for revert). Memory stays flat: the file streams from the
 * database and only one batch is held at a time. A batch that fails as a whole is retried row by row
 * so one bad row cannot sink 499 good ones.
 */
/** An import that cannot run for a reason the user is told about on the import itself. */
class ImportRefused extends Error {}

@Injectable()
export class ImportRunner implements OnModuleInit {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly files: ImportFileStore,
    private readonly targets: ImportTargets,
    private readonly access: AccessService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    // an import must never run twice: no retries, and an expiry far beyond the longest import
    this.jobs.register(IMPORT_JOB, (data) => this.process(String(data.importId), data.mode as ImportMode), undefined, {
      retryLimit: 0,
      expireInSeconds: 6 * 3600,
    });
  }

  async process(importId: string, mode: ImportMode): Promise<void> {
    const imp = await this.ds.getRepository(Import).findOneByOrFail({ id: importId });
    const actor = imp.ownerId ? await this.access.loadAuthUser(imp.ownerId) : null;
    try {
      if (!actor) throw new ImportRefused('The user who started the import is no longer active');
      if (mode === 'revert') await this.revert(imp, actor);
      else await this.importRows(imp, actor, mode === 'dry-run');
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // a file that cannot be read or a starter who left is the user's matter (shown on the import): a warning;
      // anything else is ours, with its stack
      if (e instanceof FileReadError || e instanceof ImportRefused) this.logger.warn(`import ${importId} (${mode}) failed: ${message}`);
      else this.logger.error(`import ${importId} (${mode}) failed: ${message}`, e instanceof Error ? e.stack : undefined);
      await this.ds.query(`UPDATE imports SET status = 'failed', failure = $2, finished_at = now(), updated_at = now() WHERE id = $1`, [
        importId,
        message.slice(0, 2000),
      ]);
    }
  }

  private async importRows(imp: Import, actor: AuthUser, dryRun: boolean): Promise<void> {
    await this.targets.refresh(imp.entityType);
    const target = await this.targets.get(imp.entityType);
    await this.ds.query(`DELETE FROM import_rows WHERE import_id = $1`, [imp.id]);
    await this.ds.query(
      `UPDATE imports SET status = $2, dry_run = $3, processed_rows = 0, total_rows = 0, created_count = 0, updated_count = 0,
              skipped_count = 0, error_count = 0, failure = NULL, started_at = now(), finished_at = NULL, updated_at = now()
        WHERE id = $1`,
      [imp.id, dryRun ? 'validating' : 'running', dryRun],
    );
    const seen = new Map<string, string>(); // upsert key value → id (or a placeholder in a dry run) of an earlier row
    let headers: string[] | null = null;
    let batch: Parsed[] = [];
    let rowNumber = 0;
    let batches = 0;
    for await (const row of readRows(this.files.open(imp.id), imp.fileFormat, imp.encoding)) {
      rowNumber += 1;
      if (!headers) {
        headers = headerCells(row);
        continue;
      }
      batch.push(
        row.issue
          ? { rowNumber, raw: row.cells.map((c) => shorten(c, PREVIEW.cellChars)), readError: readProblem(row.issue) }
          : { rowNumber, raw: row.cells },
      );
      if (batch.length === BATCH) {
        await this.runBatch(imp, actor, target, headers, batch, seen, dryRun);
        batch = [];
        // the tables grow fast during an import: fresh statistics keep the upsert lookups on their indexes
        if (++batches % 20 === 0) await this.ds.query(`ANALYZE contact_points`);
      }
    }
    if (batch.length) await this.runBatch(imp, actor, target, headers ?? [], batch, seen, dryRun);
    await this.ds.query(`UPDATE imports SET status = $2, total_rows = processed_rows, finished_at = now(), updated_at = now() WHERE id = $1`, [
      imp.id,
      dryRun ? 'validated' : 'completed',
    ]);
  }

  private async parse(m: EntityManager, actor: AuthUser, target: ImportTarget, imp: Import, headers: string[], all: Parsed[]): Promise<void> {
    for (const r of all) if (r.readError) r.error = [r.readError];
    const rows = all.filter((r) => !r.readError);
    if (!rows.length) return;
    const plain = rows.map((r) => {
      const obj: Record<string, unknown> = {};
      headers.forEach((h, i) => {
        const field = imp.mapping[h];
        if (field) obj[field] = r.raw[i] ?? '';
      });
      return obj;
    });
    const converted = await target.convert(m, actor, plain);
    await Promise.all(
      rows.map(async (r, i) => {
        const instance = plainToInstance(target.dto, converted[i]);
        let errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
        if (errors.length && imp.duplicatePolicy === 'update') {
          // a row that updates a record need not carry the fields a new one requires; creating it fails later
          const formatErrors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, skipMissingProperties: true });
          if (!formatErrors.length) r.incomplete = validationProblems(errors);
          errors = formatErrors;
        }
        if (errors.length) r.error = validationProblems(errors);
        else r.dto = Object.fromEntries(Object.entries(instance).filter(([, v]) => v !== undefined));
      }),
    );
  }

  private async runBatch(
    imp: Import,
    actor: AuthUser,
    target: ImportTarget,
    headers: string[],
    rows: Parsed[],
    seen: Map<string, string>,
    dryRun: boolean,
  ): Promise<void> {
    // a batch only adds keys to `seen` (a key already there is a match and is never set again), and a Map keeps
    // insertion order: undoing a failed batch drops the keys after this size (copying the map per batch made a
    // 100,000-row import quadratic: 6.6 s of its CPU)
    const sizeBefore = seen.size;
    try {
      await this.ds.transaction((m) => this.decideAndWrite(m, imp, actor, target, headers, rows, seen, dryRun));
    } catch (e) {
      if (rows.length === 1) throw e;
      // retry one row per transaction to find the culprit
      this.logger.warn(`import ${imp.id}: batch at row ${rows[0].rowNumber} failed (${(e as Error).message}); retrying row by row`);
      for (const k of [...seen.keys()].slice(sizeBefore)) seen.delete(k);
      for (const row of rows) {
        const single = [{ rowNumber: row.rowNumber, raw: row.raw, readError: row.readError }];
        try {
          await this.ds.transaction((m) => this.decideAndWrite(m, imp, actor, target, headers, single, seen, dryRun));
        } catch (err) {
          await this.ds.transaction((m) =>
            this.record(m, imp.id, [{ rowNumber: row.rowNumber, outcome: 'error', problems: [failureProblem('IMPORT_ROW_FAILED', err)], raw: row.raw }]),
          );
        }
      }
    }
  }

  private async decideAndWrite(
    m: EntityManager,
    imp: Import,
    actor: AuthUser,
    target: ImportTarget,
    headers: string[],
    rows: Parsed[],
    seen: Map<string, string>,
    dryRun: boolean,
  ): Promise<void> {
    await this.parse(m, actor, target, imp, headers, rows);
    if (!dryRun) await target.lockPoints(m, rows.flatMap((r) => (r.dto ? [r.dto] : [])));
    const keys = rows.map((r) => (r.dto ? target.keyOf(r.dto, imp.upsertKey) : null));
    const existing = await target.findExisting(m, imp.upsertKey, keys.filter((k): k is string => !!k), actor);
    const results: RowResult[] = [];
    const toCreate: { row: Parsed; key: string | null }[] = [];
    for (const [i, row] of rows.entries()) {
      if (!row.dto) {
        results.push({ rowNumber: row.rowNumber, outcome: 'error', problems: row.error, raw: row.raw });
        continue;
      }
      const key = keys[i];
      const match = key ? (seen.get(key) ?? existing.get(key)) : undefined;
      if (match && imp.duplicatePolicy === 'skip') {
        results.push({ rowNumber: row.rowNumber, outcome: 'skipped', entityId: match.startsWith('row:') ? undefined : match });
      } else if (match && imp.duplicatePolicy === 'update') {
        if (dryRun || match.startsWith('row:')) {
          results.push({ rowNumber: row.rowNumber, outcome: 'updated' });
          continue;
        }
        try {
          // a savepoint: a row the update rules reject leaves nothing behind and the batch goes on
          const { before, after } = await m.transaction((sm) => target.update(sm, actor, match, row.dto!));
          results.push({ rowNumber: row.rowNumber, outcome: 'updated', entityId: match, before, after });
        } catch (e) {
          // e.g. the matching record is outside the importer's scope (404) or a converted lead (409)
          results.push({ rowNumber: row.rowNumber, outcome: 'error', problems: [failureProblem('IMPORT_ROW_UPDATE_FAILED', e)], raw: row.raw });
        }
      } else {
        if (row.incomplete) {
          results.push({ rowNumber: row.rowNumber, outcome: 'error', problems: row.incomplete, raw: row.raw });
          continue;
        }
        const problems = (await target.checkCreate?.(m, actor, row.dto)) ?? [];
        if (problems.length) {
          results.push({ rowNumber: row.rowNumber, outcome: 'error', problems, raw: row.raw });
          continue;
        }
        toCreate.push({ row, key });
        if (key) seen.set(key, `row:${row.rowNumber}`);
      }
    }
    if (toCreate.length) {
      const ids = dryRun
        ? toCreate.map(() => undefined)
        : await target.createBatch(m, actor, toCreate.map((c) => c.row.dto!));
      toCreate.forEach((c, i) => {
        const id = ids[i];
        if (c.key && id) seen.set(c.key, id);
        results.push({ rowNumber: c.row.rowNumber, outcome: 'created', entityId: id });
      });
    }
    await this.record(m, imp.id, results);
  }

  /** Stores the outcomes of rows and advances the counters (one statement each). */
  private async record(m: EntityManager, importId: string, results: RowResult[]): Promise<void> {
    const kept = results.filter((r) => r.outcome !== 'skipped' || r.entityId);
    if (kept.length) {
      await m.query(
        `INSERT INTO import_rows (import_id, row_number, outcome, entity_id, before, error, raw, after, problems)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::uuid[], $5::jsonb[], $6::text[], $7::jsonb[], $8::jsonb[], $9::jsonb[])
         ON CONFLICT (import_id, row_number) DO UPDATE SET outcome = EXCLUDED.outcome, entity_id = EXCLUDED.entity_id,
           before = EXCLUDED.before, error = EXCLUDED.error, raw = EXCLUDED.raw, after = EXCLUDED.after, problems = EXCLUDED.problems`,
        [
          importId,
          kept.map((r) => r.rowNumber),
          kept.map((r) => r.outcome),
          kept.map((r) => r.entityId ?? null),
          kept.map((r) => (r.before ? JSON.stringify(r.before) : null)),
          kept.map((r) => (r.problems ? problemsText(r.problems).slice(0, 2000) : null)),
          kept.map((r) => (r.raw && r.outcome === 'error' ? JSON.stringify(r.raw) : null)),
          kept.map((r) => (r.after ? JSON.stringify(r.after) : null)),
          kept.map((r) => (r.problems ? JSON.stringify(r.problems) : null)),
        ],
      );
    }
    const count = (o: RowResult['outcome']) => results.filter((r) => r.outcome === o).length;
    await m.query(
      `UPDATE imports SET processed_rows = processed_rows + $2, created_count = created_count + $3, updated_count = updated_count + $4,
              skipped_count = skipped_count + $5, error_count = error_count + $6, updated_at = now()
        WHERE id = $1`,
      [importId, results.length, count('created'), count('updated'), count('skipped'), count('error')],
    );
  }

  /**
   * Removes what the import created and puts back what it updated, newest rows first — but only what is
   * still the import's: records deleted, merged, converted, moved out of the actor's scope or (accounts)
   * given contacts since stay, and so do fields changed since. Rows left in place become `kept` (with
   * the reason) and are counted in `revert_skipped_count`.
   */
  private async revert(imp: Import, actor: AuthUser): Promise<void> {
    await this.targets.refresh(imp.entityType);
    const target = await this.targets.get(imp.entityType);
    await this.ds.query(`UPDATE imports SET status = 'reverting', revert_skipped_count = 0, updated_at = now() WHERE id = $1`, [imp.id]);
    const keep = async (m: EntityManager, rowNumbers: number[], reason: string) => {
      if (!rowNumbers.length) return;
      await m.query(`UPDATE import_rows SET outcome = 'kept', error = $3 WHERE import_id = $1 AND row_number = ANY($2)`, [imp.id, rowNumbers, reason.slice(0, 500)]);
      await m.query(`UPDATE imports SET revert_skipped_count = revert_skipped_count + $2, updated_at = now() WHERE id = $1`, [imp.id, rowNumbers.length]);
    };
    for (;;) {
      const created: { entity_id: string; row_number: number }[] = await this.ds.query(
        `SELECT entity_id, row_number FROM import_rows WHERE import_id = $1 AND outcome = 'created' AND entity_id IS NOT NULL
          ORDER BY row_number DESC LIMIT 1000`,
        [imp.id],
      );
      if (!created.length) break;
      await this.ds.transaction(async (m) => {
        const removed = new Set(await target.removeCreated(m, actor, created.map((c) => c.entity_id)));
        await m.query(`UPDATE import_rows SET outcome = 'reverted' WHERE import_id = $1 AND row_number = ANY($2)`, [
          imp.id,
          created.filter((c) => removed.has(c.entity_id)).map((c) => c.row_number),
        ]);
        await keep(
          m,
          created.filter((c) => !removed.has(c.entity_id)).map((c) => c.row_number),
          'not removed: the record was deleted, merged, converted or moved out of your scope, or has contacts or subsidiaries now',
        );
      });
    }
    const updated: { entity_id: string; row_number: number; before: Record<string, unknown>; after: Record<string, unknown> | null }[] =
      await this.ds.query(
        `SELECT entity_id, row_number, before, after FROM import_rows WHERE import_id = $1 AND outcome = 'updated' AND entity_id IS NOT NULL
          ORDER BY row_number DESC`,
        [imp.id],
      );
    for (const u of updated) {
      try {
        await this.ds.transaction(async (m) => {
          const changed = await target.restore(m, actor, u.entity_id, u.before ?? {}, u.after);
          if (changed.length) await keep(m, [u.row_number], `kept ${changed.join(', ')}: changed since the import`);
          else await m.query(`UPDATE import_rows SET outcome = 'reverted' WHERE import_id = $1 AND row_number = $2`, [imp.id, u.row_number]);
        });
      } catch (e) {
        // out of scope or deleted (404), a converted lead (409), a value clashing with a rule now
        await this.ds.transaction((m) => keep(m, [u.row_number], `not restored: ${(e as Error).message}`));
      }
    }
    await this.ds.query(`UPDATE imports SET status = 'reverted', finished_at = now(), updated_at = now() WHERE id = $1`, [imp.id]);
  }
}
