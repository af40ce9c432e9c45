import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isObjectModule, WORKFLOW_MAX_DEPTH, type WorkflowRunOutcome } from '@keyuan/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '@core/access/access.service';
import { withEventDepth } from '@core/events/outbox/event-depth';
import { OutboxService } from '@core/events/outbox/outbox.service';
import type { RecordEvent } from '@core/events/outbox/record-event';
import { DomainError } from '@core/http/domain-error';
import { JobsService } from '@core/jobs/jobs.service';
import { AutomationKind, AutomationKinds } from '@core/records/automation-kinds';
import { PermissionCatalog } from '@core/access/permission-catalog';
import { WorkflowActions } from './workflow-actions';
import { conditionsMatch, triggerMatches } from './workflow-match';
import { WorkflowRule } from './workflow-rule.entity';

/** What one run is about: the event (or due date) that keys it, the record, and the chain depth. */
interface RunTarget {
  runKey: string;
  eventId: string | null;
  entityId: string;
  depth: number;
}

/** How far back the first scan of a time-based rule looks for due dates it has not seen. */
const FIRST_SCAN_DAYS = 30;
const SCAN_PAGE = 500;

const describe = (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e)).slice(0, 2000);

/**
 * Runs workflow rules from committed record events (the outbox's `event.workflows` queue) and from
 * the time-based scan (`workflows.scan`, every five minutes). Each (rule, event or due date) is claimed
 * with one INSERT … ON CONFLICT DO NOTHING on workflow_runs, so it runs once whatever the number of
 * instances or deliveries. Actions run with the author's permissions, at depth event + 1: an event
 * at WORKFLOW_MAX_DEPTH runs nothing (logged as skipped), which ends any loop of rules updating records.
 */
@Injectable()
export class WorkflowEngine implements OnModuleInit {
  private readonly logger = new Logger('Workflows');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly kinds: AutomationKinds,
    private readonly actions: WorkflowActions,
    private readonly access: AccessService,
    private readonly catalog: PermissionCatalog,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe('workflows', (events) => this.handleMany(events));
    this.jobs.register('workflows.scan', async () => void (await this.scanDue()), '*/5 * * * *', { retryLimit: 0, expireInSeconds: 1800 });
  }

  private enabledRules(entityType: string): Promise<WorkflowRule[]> {
    return this.ds.getRepository(WorkflowRule).find({ where: { entityType, enabled: true }, order: { createdAt: 'ASC' } });
  }

  /** A batch of committed events: the rules are read once per kind. */
  async handleMany(events: RecordEvent[]): Promise<void> {
    const rulesOf = new Map<string, Promise<WorkflowRule[]>>();
    // a custom module's records: reading the live modules registers their automation kinds on this instance
    if (events.some((e) => isObjectModule(e.entityType))) await this.catalog.dynamicModules();
    for (const event of events) {
      if (!rulesOf.has(event.entityType)) rulesOf.set(event.entityType, this.enabledRules(event.entityType));
      await this.handle(event, await rulesOf.get(event.entityType)!);
    }
  }

  /** Every enabled rule of the event's kind whose trigger and conditions match runs once. */
  async handle(event: RecordEvent, enabled?: WorkflowRule[]): Promise<void> {
    const kind = this.kinds.find(event.entityType);
    if (!kind) return;
    const rules = (enabled ?? (await this.enabledRules(event.entityType))).filter((r) => r.trigger.type !== 'dateReached');
    if (!rules.length) return;
    const record = await this.kinds.load(kind.type, event.entityId, { withDeleted: event.name === 'record.deleted' });
    if (!record) return;
    const now = new Date();
    for (const rule of rules) {
      const ctx = { eventName: event.name, changes: event.changes, record, now };
      if (!triggerMatches(rule.trigger, ctx) || !conditionsMatch(rule.conditions, ctx)) continue;
      await this.run(rule, kind, { runKey: event.id, eventId: event.id, entityId: event.entityId, depth: event.depth }, record);
    }
  }

  /** Time-based rules: records whose date (± days) came due since the last scan, each due date once. */
  async scanDue(now = new Date()): Promise<number> {
    await this.closeInterrupted();
    let runs = 0;
    const rules = await this.ds.getRepository(WorkflowRule).find({ where: { enabled: true } });
    if (rules.some((r) => isObjectModule(r.entityType))) await this.catalog.dynamicModules();
    for (const rule of rules.filter((r) => r.trigger.type === 'dateReached')) {
      const kind = this.kinds.find(rule.entityType);
      if (!kind) continue;
      const offset = (rule.trigger.direction === 'before' ? -1 : 1) * (rule.trigger.days ?? 0);
      let from = rule.scannedUntil ?? new Date(now.getTime() - FIRST_SCAN_DAYS * 86_400_000);
      for (let page = 0; page < 100; page++) {
        const due = await this.kinds.due(kind.type, rule.trigger.field!, offset, from, now, SCAN_PAGE);
        for (const d of due) {
          const record = await this.kinds.load(kind.type, d.id);
          if (!record || !conditionsMatch(rule.conditions, { changes: [], record, now })) continue;
          if (await this.run(rule, kind, { runKey: `time:${d.id}:${d.due.toISOString()}`, eventId: null, entityId: d.id, depth: 0 }, record)) runs++;
        }
        if (due.length < SCAN_PAGE) break;
        from = due[due.length - 1].due;
      }
      await this.ds.query(`UPDATE workflow_rules SET scanned_until = greatest(coalesce(scanned_until, $2), $2) WHERE id = $1`, [rule.id, now]);
    }
    return runs;
  }

  /**
   * A run still `running` after 30 minutes was cut off (the instance stopped mid-way): it is logged as failed, so the
   * run log tells the truth. It is not run again: its key is taken, and its first actions may have committed.
   */
  private async closeInterrupted(): Promise<void> {
    await this.ds.query(
      `UPDATE workflow_runs SET outcome = 'failed', finished_at = now(),
              error = 'WORKFLOW_RUN_INTERRUPTED: the run stopped before it finished (the instance stopped); actions logged before that may have taken effect'
        WHERE outcome = 'running' AND started_at < now() - interval '30 minutes'`,
    );
  }

  /** Claims the run (false when another instance or delivery has it), runs the actions, logs the outcome. */
  private async run(rule: WorkflowRule, kind: AutomationKind, target: RunTarget, record: Record<string, unknown>): Promise<boolean> {
    const claimed: { id: string }[] = await this.ds.query(
      `INSERT INTO workflow_runs (rule_id, run_key, event_id, entity_type, entity_id, depth, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, 'running') ON CONFLICT (rule_id, run_key) DO NOTHING RETURNING id`,
      [rule.id, target.runKey, target.eventId, kind.type, target.entityId, target.depth],
    );
    if (!claimed.length) return false;
    const runId = claimed[0].id;
    const started = Date.now();
    if (target.depth >= WORKFLOW_MAX_DEPTH) {
      await this.finish(runId, started, 'skipped', 'WORKFLOW_LOOP_DEPTH', []);
      return true;
    }
    const done: Record<string, unknown>[] = [];
    try {
      const actor = rule.createdById ? await this.access.loadAuthUser(rule.createdById) : null;
      if (!actor) throw new Error('WORKFLOW_AUTHOR_INACTIVE: the rule author is no longer an active user');
      // each action commits through its module; later actions see the record as the earlier ones left it
      await withEventDepth(target.depth + 1, async () => {
        let current = record;
        for (const [index, action] of rule.actions.entries()) {
          if (index > 0) current = (await this.kinds.load(kind.type, target.entityId)) ?? current;
          const ctx = { rule, action, index, kind, recordId: target.entityId, record: current, actor, now: new Date() };
          done.push({ type: action.type, ...(await this.actions.get(action.type).run(ctx)) });
        }
      });
      await this.finish(runId, started, 'succeeded', null, done);
    } catch (e) {
      this.logger.warn(`rule ${rule.id} on ${kind.type} ${target.entityId}: ${describe(e)}`);
      await this.finish(runId, started, 'failed', describe(e), done);
    }
    return true;
  }

  private async finish(runId: string, started: number, outcome: WorkflowRunOutcome, error: string | null, actions: Record<string, unknown>[]): Promise<void> {
    await this.ds.query(`UPDATE workflow_runs SET outcome = $2, error = $3, actions = $4, finished_at = now(), duration_ms = $5 WHERE id = $1`, [
      runId,
      outcome,
      error,
      JSON.stringify(actions),
      Date.now() - started,
    ]);
  }
}
