import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TICKET_ACTIVE_STATUSES, type SlaTarget, type TicketPriority } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { BusinessCalendarsService } from '@modules/business-calendars/business-calendars.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { SlaPolicy } from './sla-policy.entity';
import { SlaPoliciesService } from './sla-policies.service';
import { TicketClock } from './ticket-clock';
import { DONE_STATUSES, nextDue, pausesOf, raisedPriority } from './ticket-sla';
import { TicketTeamsService } from './ticket-teams.service';
import { Ticket } from './ticket.entity';

export const TICKET_SLA_JOB = 'tickets.sla';

/** Per target: the SQL of "still running" and its columns. */
const TARGETS: Record<SlaTarget, { due: string; flag: string; running: string }> = {
  firstResponse: { due: 'first_response_due_at', flag: 'first_response_breached', running: 'first_responded_at IS NULL' },
  nextResponse: { due: 'next_response_due_at', flag: 'next_response_breached', running: 'awaiting_since IS NOT NULL' },
  resolution: { due: 'resolution_due_at', flag: 'resolution_breached', running: 'resolved_at IS NULL' },
};

const NEXT_DUE_SQL = `LEAST(
  CASE WHEN first_responded_at IS NULL AND NOT first_response_breached THEN first_response_due_at END,
  CASE WHEN awaiting_since IS NOT NULL AND NOT next_response_breached THEN next_response_due_at END,
  CASE WHEN resolved_at IS NULL AND NOT resolution_breached THEN resolution_due_at END)`;

interface Hit {
  id: string;
  number: string;
  subject: string;
  owner_id: string | null;
  team_id: string | null;
  priority: TicketPriority;
  sla_policy_id: string | null;
}

/**
 * The SLA of tickets: which policy applies, the due times in working time with the pauses (business
 * calendars' dueAt), and the job that warns before a target breaches and marks each breach exactly once.
 */
@Injectable()
export class TicketSlaService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly clock: TicketClock,
    private readonly calendars: BusinessCalendarsService,
    private readonly policies: SlaPoliciesService,
    private readonly accounts: AccountsService,
    private readonly teams: TicketTeamsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(TICKET_SLA_JOB, async () => void (await this.escalate()), '* * * * *', { retryLimit: 0, expireInSeconds: 300 });
  }

  /** The policy for the ticket's priority and its account's level. */
  async policyFor(m: EntityManager, t: Pick<Ticket, 'priority' | 'accountId'>): Promise<SlaPolicy | null> {
    const level = t.accountId ? ((await this.accounts.getVisible(null, t.accountId, m).catch(() => null))?.level ?? null) : null;
    return this.policies.match(m, t.priority, level);
  }

  policyById(m: EntityManager, id: string): Promise<SlaPolicy | null> {
    return this.policies.find(m, id);
  }

  /**
   * Sets the ticket's due times (in memory) from its policy (`policy` given: the ticket takes it): targets
   * met keep the due time they had; running ones are recomputed from their start with the pauses (null
   * while paused). Also the earliest running due time and the breached flag the queues use.
   */
  async apply(m: EntityManager, t: Ticket, policy?: SlaPolicy | null): Promise<void> {
    const p = policy !== undefined ? policy : t.slaPolicyId ? await this.policies.find(m, t.slaPolicyId) : null;
    t.slaPolicyId = p?.id ?? null;
    t.calendarId = p?.calendarId ?? null;
    if (!p) {
      t.firstResponseDueAt = t.nextResponseDueAt = t.resolutionDueAt = t.slaNextDueAt = null;
      return;
    }
    const pauses = pausesOf(t.pauses);
    const due = (start: Date, minutes: number) => this.calendars.dueAt(p.calendarId, start, minutes, pauses, m);
    if (!t.firstRespondedAt) t.firstResponseDueAt = await due(t.openedAt, p.firstResponseMinutes);
    t.nextResponseDueAt = t.awaitingSince && p.nextResponseMinutes ? await due(t.awaitingSince, p.nextResponseMinutes) : null;
    if (!t.resolvedAt) t.resolutionDueAt = await due(t.openedAt, p.resolutionMinutes);
    t.slaNextDueAt = DONE_STATUSES.includes(t.status) ? null : nextDue(t);
    t.slaBreached = t.firstResponseBreached || t.nextResponseBreached || t.resolutionBreached;
  }

  /**
   * One run of the job at `now`: warns of targets due within TICKET_SLA_WARN_MINUTES and marks targets past
   * due as breached, notifying the assignee and the team lead. Each is one conditional UPDATE ... RETURNING,
   * so of two instances running at once exactly one gets a given ticket (the other's UPDATE re-checks the
   * row after the first commits and skips it): one warning and one breach per target, ever.
   */
  async escalate(now: Date = this.clock.now()): Promise<{ warned: number; breached: number }> {
    let warned = 0;
    let breached = 0;
    const until = new Date(now.getTime() + this.config.ticketSlaWarnMinutes * 60_000);
    for (const target of Object.keys(TARGETS) as SlaTarget[]) {
      const c = TARGETS[target];
      breached += await this.ds.transaction(async (m) => {
        const [hits]: [Hit[], number] = await m.query(
          `UPDATE tickets SET ${c.flag} = true, sla_breached = true
            WHERE deleted_at IS NULL AND status = ANY($1) AND ${c.running} AND NOT ${c.flag} AND ${c.due} <= $2
            RETURNING id, number, subject, owner_id, team_id, priority, sla_policy_id`,
          [TICKET_ACTIVE_STATUSES, now],
        );
        if (!hits.length) return 0;
        await m.query(`UPDATE tickets SET sla_next_due_at = ${NEXT_DUE_SQL} WHERE id = ANY($1)`, [hits.map((h) => h.id)]);
        await this.tell(m, hits, 'ticket.slaBreached', target);
        return hits.length;
      });
      warned += await this.ds.transaction(async (m) => {
        const [hits]: [Hit[], number] = await m.query(
          `UPDATE tickets SET sla_warned = array_append(sla_warned, $4)
            WHERE deleted_at IS NULL AND status = ANY($1) AND ${c.running} AND NOT ${c.flag} AND ${c.due} > $2 AND ${c.due} <= $3 AND NOT ($4 = ANY(sla_warned))
            RETURNING id, number, subject, owner_id, team_id, priority, sla_policy_id`,
          [TICKET_ACTIVE_STATUSES, now, until, target],
        );
        if (!hits.length) return 0;
        await this.raise(m, hits);
        await this.tell(m, hits, 'ticket.slaWarning', target);
        return hits.length;
      });
    }
    return { warned, breached };
  }

  /** Raises the priority one step where the ticket's policy says so (the due times stay: the targets were set when it came in). */
  private async raise(m: EntityManager, hits: Hit[]): Promise<void> {
    const policyIds = [...new Set(hits.map((h) => h.sla_policy_id).filter((x): x is string => !!x))];
    if (!policyIds.length) return;
    const raising: { id: string }[] = await m.query(`SELECT id FROM sla_policies WHERE id = ANY($1) AND raise_priority`, [policyIds]);
    const ids = new Set(raising.map((r) => r.id));
    for (const h of hits) {
      if (!h.sla_policy_id || !ids.has(h.sla_policy_id) || h.priority === 'urgent') continue;
      const to = raisedPriority(h.priority);
      await m.query(`UPDATE tickets SET priority = $2, version = version + 1, updated_at = now() WHERE id = $1`, [h.id, to]);
      await this.audit.record(m, null, 'escalate', 'ticket', h.id, [{ field: 'priority', old: h.priority, new: to }]);
      h.priority = to;
    }
  }

  private async tell(m: EntityManager, hits: Hit[], kind: string, target: SlaTarget): Promise<void> {
    const leads = await this.teams.leadsOf(hits.map((h) => h.team_id), m);
    for (const h of hits) {
      const to = [...new Set([h.owner_id, h.team_id ? leads.get(h.team_id) : null].filter((x): x is string => !!x))];
      await this.notifications.notify(m, to, { kind, params: { number: h.number, subject: h.subject, target }, entityType: 'ticket', entityId: h.id });
      if (kind === 'ticket.slaBreached') await this.audit.record(m, null, 'slaBreach', 'ticket', h.id, [{ field: target, old: false, new: true }]);
    }
  }
}
