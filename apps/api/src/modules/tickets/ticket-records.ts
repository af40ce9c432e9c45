import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { allowedTicketMoves, TICKET_ACTIVE_STATUSES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import type { FieldDef } from '@core/http/csv-export';
import { ListSpec, Page } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { TicketSummaryResponse } from './dto/ticket.dto';
import { TicketClock } from './ticket-clock';
import { stopsClock } from './ticket-sla';
import { Ticket } from './ticket.entity';

const TICKET_FIELDS: FieldDef<TicketSummaryResponse>[] = [
  { key: 'number', zh: '工单编号', en: 'Number', text: true },
  { key: 'subject', zh: '主题', en: 'Subject' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'priority', zh: '优先级', en: 'Priority' },
  { key: 'type', zh: '类型', en: 'Type' },
  { key: 'channel', zh: '渠道', en: 'Channel' },
  { key: 'accountName', zh: '客户', en: 'Account' },
  { key: 'teamName', zh: '客服组', en: 'Team' },
  { key: 'assigneeName', zh: '处理人', en: 'Assignee' },
  { key: 'firstResponseDueAt', zh: '首次响应截止', en: 'First response due' },
  { key: 'resolutionDueAt', zh: '解决截止', en: 'Resolution due' },
  { key: 'slaBreached', zh: '已超时', en: 'SLA breached' },
  { key: 'surveyRating', zh: '满意度', en: 'Satisfaction' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];

export const TICKET_LIST_SPEC: ListSpec = {
  idColumn: 'tk.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'tk.created_at', value: (t: Ticket) => t.createdAt },
    slaNextDueAt: { column: 'tk.sla_next_due_at', value: (t: Ticket) => t.slaNextDueAt },
    number: { column: 'tk.number', value: (t: Ticket) => t.number },
    updatedAt: { column: 'tk.updated_at', value: (t: Ticket) => t.updatedAt },
  },
  search: ['tk.search_text'],
  filters: {
    status: 'tk.status',
    priority: 'tk.priority',
    type: 'tk.type',
    channel: 'tk.channel',
    accountId: 'tk.account_id',
    teamId: 'tk.team_id',
    ownerId: 'tk.owner_id',
    serviceRecordId: 'tk.service_record_id',
    parentTicketId: 'tk.parent_ticket_id',
  },
  ranges: { createdAt: 'tk.created_at' },
  fields: {
    subject: { type: 'text', column: 'tk.subject' },
    number: { type: 'text', column: 'tk.number' },
    status: { type: 'enum', column: 'tk.status', options: TICKET_STATUSES },
    priority: { type: 'enum', column: 'tk.priority', options: TICKET_PRIORITIES },
    type: { type: 'enum', column: 'tk.type', options: TICKET_TYPES },
    channel: { type: 'enum', column: 'tk.channel', options: TICKET_CHANNELS },
    ownerId: { type: 'uuid', column: 'tk.owner_id' },
    teamId: { type: 'uuid', column: 'tk.team_id' },
    accountId: { type: 'uuid', column: 'tk.account_id' },
    createdAt: { type: 'date', column: 'tk.created_at' },
  },
};

export const TICKET_KIND: RecordKind<Ticket, TicketSummaryResponse> = {
  type: 'ticket',
  entity: Ticket,
  module: 'tickets',
  alias: 'tk',
  scope: { owner: 'tk.owner_id', department: 'tk.department_id' },
  list: TICKET_LIST_SPEC,
  visibleSearch: 'tk.search_text',
  csv: { name: 'tickets', fields: TICKET_FIELDS },
  sensitive: [],
  displayName: (t) => `${t.number} ${t.name}`,
  mergeFill: [],
  pooled: false,
};

/** The record kit for tickets: scope, queues, export, the actions by status. */
@Injectable()
export class TicketRecords extends RecordService<Ticket, TicketSummaryResponse> {

  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    custom: CustomFieldsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: TicketClock,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
  ) {
    super(ds, audit, TICKET_KIND, NO_CONTACT_INDEX, custom);
  }

  /** A page of a queue: the actor and their teams are resolved first (the query hook is synchronous). */
  async listFor(actor: AuthUser, query: Record<string, unknown>): Promise<Page<TicketSummaryResponse>> {
    const teams = query.queue === 'team' ? await this.teamIdsOf(actor.id) : [];
    const qb = this.store.query(actor);
    this.queue(qb, actor, teams, query);
    this.serviceFigures(qb, query);
    const { queue: _q, openedDateFrom: _of, openedDateTo: _ot, slaOutcome: _so, ...rest } = query;
    return this.list(actor, rest as never, qb);
  }

  /** The tickets behind the service figures: opened in a period of local days, and the SLA outcome as analytics counts it. */
  private serviceFigures(qb: SelectQueryBuilder<Ticket>, query: Record<string, unknown>): void {
    const tz = { __tz: this.config.timezone };
    if (typeof query.openedDateFrom === 'string') qb.andWhere('tk.opened_at >= (:__odf::date)::timestamp AT TIME ZONE :__tz', { ...tz, __odf: query.openedDateFrom });
    if (typeof query.openedDateTo === 'string') qb.andWhere('tk.opened_at < (:__odt::date + 1)::timestamp AT TIME ZONE :__tz', { ...tz, __odt: query.openedDateTo });
    if (query.slaOutcome === 'met' || query.slaOutcome === 'missed') {
      qb.andWhere('tk.sla_policy_id IS NOT NULL AND tk.resolved_at IS NOT NULL');
      const breached = '(tk.first_response_breached OR tk.resolution_breached)';
      qb.andWhere(query.slaOutcome === 'missed' ? breached : `NOT ${breached}`);
    }
  }

    private queue(qb: SelectQueryBuilder<Ticket>, actor: AuthUser, teams: string[], query: Record<string, unknown>): void {
    const q = query.queue;
    if (!q) return;
    qb.andWhere('tk.status IN (:...__active)', { __active: TICKET_ACTIVE_STATUSES });
    if (q === 'mine') qb.andWhere('tk.owner_id = :__me', { __me: actor.id });
    if (q === 'team') {
      if (!teams.length) qb.andWhere('false');
      else qb.andWhere('tk.team_id IN (:...__teams)', { __teams: teams });
    }
    if (q === 'unassigned') qb.andWhere('tk.owner_id IS NULL');
    if (q === 'breaching') {
      const until = new Date(this.clock.now().getTime() + this.config.ticketSlaWarnMinutes * 60_000);
      qb.andWhere('tk.sla_next_due_at IS NOT NULL AND tk.sla_next_due_at <= :__until', { __until: until });
    }
    if (q === 'breached') qb.andWhere(new Brackets((w) => w.where('tk.sla_breached')));
  }

  protected async mapResponses(_actor: AuthUser | null, rows: Ticket[], m: EntityManager = this.ds.manager): Promise<Omit<TicketSummaryResponse, 'actions'>[]> {
    const users = await this.users.namesByIds(rows.map((t) => t.ownerId), m);
    const accounts = await this.accounts.namesByIds(rows.map((t) => t.accountId), m);
    const contacts = await this.contacts.namesByIds(rows.map((t) => t.contactId), m);
    const teams = await this.teamNames(rows.map((t) => t.teamId), m);
    const pauses = await this.pauseStatuses(rows.map((t) => t.slaPolicyId), m);
    return rows.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.name,
      type: t.type,
      channel: t.channel,
      priority: t.priority,
      status: t.status,
      allowedStatuses: allowedTicketMoves(t.status),
      accountId: t.accountId,
      accountName: t.accountId ? (accounts.get(t.accountId) ?? null) : null,
      contactId: t.contactId,
      contactName: t.contactId ? (contacts.get(t.contactId) ?? null) : null,
      teamId: t.teamId,
      teamName: t.teamId ? (teams.get(t.teamId) ?? null) : null,
      assigneeId: t.ownerId,
      assigneeName: t.ownerId ? (users.get(t.ownerId) ?? null) : null,
      departmentId: t.departmentId,
      tags: t.tags,
      requesterName: t.requesterName,
      openedAt: t.openedAt,
      firstRespondedAt: t.firstRespondedAt,
      firstResponseDueAt: t.firstResponseDueAt,
      nextResponseDueAt: t.nextResponseDueAt,
      resolutionDueAt: t.resolutionDueAt,
      firstResponseBreached: t.firstResponseBreached,
      nextResponseBreached: t.nextResponseBreached,
      resolutionBreached: t.resolutionBreached,
      slaNextDueAt: t.slaNextDueAt,
      slaPaused: !!t.slaPolicyId && stopsClock(t.status, pauses.get(t.slaPolicyId) ?? ['pending']),
      slaBreached: t.slaBreached,
      resolvedAt: t.resolvedAt,
      closedAt: t.closedAt,
      surveyRating: t.surveyRating,
      version: t.version,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    }));
  }

  /** Teams the user is a member or the lead of. */
  async teamIdsOf(userId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM ticket_teams WHERE deleted_at IS NULL AND (lead_id = $1 OR id IN (SELECT team_id FROM ticket_team_members WHERE user_id = $1))`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async teamNames(ids: (string | null)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string }[] = await m.query(`SELECT id, name FROM ticket_teams WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async pauseStatuses(ids: (string | null)[], m: EntityManager): Promise<Map<string, string[]>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows: { id: string; pause_statuses: string[] }[] = await m.query(`SELECT id, pause_statuses FROM sla_policies WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, r.pause_statuses]));
  }

  /** A closed ticket is a record of what happened: it changes no more. */
  protected kindActions(_actor: AuthUser, t: Ticket, actions: RecordAction[]): RecordAction[] {
    return t.status === 'closed' ? actions.filter((a) => a === 'delete') : actions.filter((a) => a !== 'merge');
  }
}
