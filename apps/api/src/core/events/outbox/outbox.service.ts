import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import type { FieldChange } from '../../audit/audit.service';
import { JobsService } from '../../jobs/jobs.service';
import { currentEventDepth } from './event-depth';
import { eventNameOf, RecordEvent } from './record-event';

/** Takes a batch of committed events, oldest first; must be idempotent per event (redeliveries happen). */
type Consumer = (events: RecordEvent[]) => Promise<void>;

interface OutboxRow {
  id: string;
  name: RecordEvent['name'];
  entity_type: string;
  entity_id: string;
  actor_id: string | null;
  depth: number;
  payload: { action: string; changes: FieldChange[] };
  created_at: Date;
}

/** Flag on a transaction's query runner: it wrote events, so its commit wakes the dispatcher. */
const PENDING = '__outboxPending';
const BATCH = 100;
/** Dispatched events are kept this long (diagnosis), then pruned nightly. */
const KEEP_DAYS = 7;

const toEvent = (r: OutboxRow): RecordEvent => ({
  id: r.id,
  name: r.name,
  entityType: r.entity_type,
  entityId: r.entity_id,
  actorId: r.actor_id,
  depth: r.depth,
  action: r.payload.action,
  changes: r.payload.changes ?? [],
  createdAt: new Date(r.created_at),
});

/**
 * Committed domain events of owned records. The audit service writes one row per audited change of
 * a kind the record kit registered, in the change's own transaction (so an event exists exactly when
 * its change committed). After the commit, the dispatcher claims pending rows (FOR UPDATE SKIP LOCKED,
 * so two instances never take the same row) and hands them in batches to every consumer's pg-boss
 * queue `event.<consumer>`; consumers make their work idempotent per event (pg-boss delivers at least once).
 * A minute cron sweeps rows whose wake-up was lost (a crash between commit and dispatch).
 */
@Injectable()
export class OutboxService implements EntitySubscriberInterface, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly consumers = new Map<string, Consumer>();
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {
    // a TypeORM subscriber: it hears every transaction's commit
    ds.subscribers.push(this);
  }

  onModuleInit(): void {
    this.jobs.register('outbox.dispatch', async () => void (await this.drain()), '* * * * *', { retryLimit: 0, expireInSeconds: 300 });
    this.jobs.register('outbox.prune', () => this.prune(), '40 3 * * *', { retryLimit: 0 });
  }

  /** A consumer of every committed record event (its queue is `event.<name>`); register at module init. */
  subscribe(name: string, consumer: Consumer): void {
    this.consumers.set(name, consumer);
    this.jobs.register(`event.${name}`, async (data) => consumer((data.events as OutboxRow[]).map(toEvent)), undefined, { retryLimit: 3, retryDelay: 5 });
  }

  /** Writes the events of audit entries inside the caller's transaction (AuditService calls it). */
  async write(m: EntityManager, actor: AuthUser | null, action: string, entityType: string, entries: { entityId: string; changes: FieldChange[] }[]): Promise<void> {
    const rows = entries.map((e) => ({ ...e, name: eventNameOf(action, e.changes) })).filter((e) => e.name !== null);
    if (!rows.length) return;
    await m.query(
      `INSERT INTO outbox_events (name, entity_type, entity_id, actor_id, depth, payload)
       SELECT e.name, $2, e.entity_id, $3, $4, e.payload
       FROM unnest($1::varchar[], $5::uuid[], $6::jsonb[]) AS e(name, entity_id, payload)`,
      [
        rows.map((r) => r.name),
        entityType,
        actor?.id ?? null,
        currentEventDepth(),
        rows.map((r) => r.entityId),
        // a created or deleted record's changes are all its fields: consumers read the record itself, and
        // bulk imports would otherwise copy every field of every row a second time (the audit log has them).
        // A received message is the exception: one row, and its content (who wrote what) is the news itself
        rows.map((r) => JSON.stringify({ action, changes: r.name === 'record.updated' || r.name === 'record.ownerChanged' || action === 'receive' ? r.changes : [] })),
      ],
    );
    const runner = m.queryRunner;
    if (runner?.isTransactionActive) runner.data = { ...runner.data, [PENDING]: true };
    else this.kick();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    // savepoint releases also broadcast: wait for the outermost commit
    if (runner.isTransactionActive || !runner.data?.[PENDING]) return;
    delete runner.data[PENDING];
    this.kick();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    if (!runner.isTransactionActive && runner.data?.[PENDING]) delete runner.data[PENDING];
  }

  /**
   * Dispatches soon, outside the committing request's call stack (never inside its transaction: the
   * request's connection is released first).
   */
  kick(): void {
    const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => void (await this.drain()))
      .catch((e: unknown) => this.logger.error(`dispatch failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  /** Resolves when every dispatch started in this process (and what it caused, with inline jobs) is done. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Hands every pending event to the consumers' queues; answers how many events it took. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const res = await this.ds.query(
        `UPDATE outbox_events SET dispatched_at = now()
         WHERE id IN (SELECT id FROM outbox_events WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id, name, entity_type, entity_id, actor_id, depth, payload, created_at`,
        [BATCH],
      );
      const rows = (res[0] ?? []) as OutboxRow[];
      rows.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
      // a queue that refuses them now is tried again by the next sweep, not in a tight loop
      if (rows.length && !(await this.dispatch(rows))) return total;
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }

  /** One job per consumer and batch (a bulk import makes thousands of events, not thousands of jobs). */
  private async dispatch(rows: OutboxRow[]): Promise<boolean> {
    let unsent = false;
    for (const name of this.consumers.keys()) {
      try {
        await this.jobs.send(`event.${name}`, { events: rows });
      } catch (e) {
        // with inline jobs (JOBS_ENABLED=false) this is the consumer's own failure: it logs its runs
        this.logger.error(`events ${rows[0].id}… (${rows.length}) to ${name}: ${e instanceof Error ? e.message : String(e)}`);
        if (this.jobs.queueing) unsent = true;
      }
    }
    // the queue did not take them: pending again, so the next sweep sends them (consumers run each event once
    // per rule, so a consumer that did get them this time is not harmed by the repeat)
    if (unsent) await this.ds.query(`UPDATE outbox_events SET dispatched_at = NULL WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
    return !unsent;
  }

  private async prune(): Promise<void> {
    await this.ds.query(`DELETE FROM outbox_events WHERE dispatched_at IS NOT NULL AND created_at < now() - make_interval(days => $1)`, [KEEP_DAYS]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }
}
