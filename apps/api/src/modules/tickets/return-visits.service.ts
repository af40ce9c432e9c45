import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RETURN_VISIT_STATUSES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { CreateReturnVisitDto, QueryReturnVisitsDto, ReturnVisitResponse, UpdateReturnVisitDto } from './dto/service.dto';
import { ReturnVisit } from './return-visit.entity';
import { TicketClock } from './ticket-clock';
import { ServiceLinks } from './service-links';
import { TicketErrorCode } from './tickets.errors';

const SPEC: ListSpec = {
  idColumn: 'rv.id',
  defaultSort: 'plannedDate',
  sortable: {
    plannedDate: { column: 'rv.planned_date', value: (r: ReturnVisit) => r.plannedDate },
    createdAt: { column: 'rv.created_at', value: (r: ReturnVisit) => r.createdAt },
  },
  search: ['rv.search_text'],
  filters: { accountId: 'rv.account_id', ticketId: 'rv.ticket_id', ownerId: 'rv.owner_id', status: 'rv.status' },
  ranges: { plannedDate: 'rv.planned_date' },
  fields: {
    status: { type: 'enum', column: 'rv.status', options: RETURN_VISIT_STATUSES },
    plannedDate: { type: 'date', column: 'rv.planned_date' },
    ownerId: { type: 'uuid', column: 'rv.owner_id' },
  },
};

const KIND: RecordKind<ReturnVisit, ReturnVisitResponse> = {
  type: 'return_visit',
  entity: ReturnVisit,
  module: 'tickets',
  alias: 'rv',
  scope: { owner: 'rv.owner_id', department: 'rv.department_id' },
  list: SPEC,
  visibleSearch: 'rv.search_text',
  csv: {
    name: 'return-visits',
    fields: [
      { key: 'subject', zh: '主题', en: 'Subject' },
      { key: 'accountName', zh: '客户', en: 'Account' },
      { key: 'plannedDate', zh: '计划日期', en: 'Planned date' },
      { key: 'method', zh: '方式', en: 'Method' },
      { key: 'status', zh: '状态', en: 'Status' },
      { key: 'satisfaction', zh: '满意度', en: 'Satisfaction' },
      { key: 'assigneeName', zh: '回访人', en: 'Assignee' },
    ],
  },
  sensitive: [],
  displayName: (r) => r.name,
  mergeFill: [],
  pooled: false,
};

@Injectable()
export class ReturnVisitRecords extends RecordService<ReturnVisit, ReturnVisitResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
  ) {
    super(ds, audit, KIND, NO_CONTACT_INDEX);
  }

  protected async mapResponses(_actor: AuthUser | null, rows: ReturnVisit[], m: EntityManager = this.ds.manager): Promise<Omit<ReturnVisitResponse, 'actions'>[]> {
    const users = await this.users.namesByIds(rows.map((r) => r.ownerId), m);
    const accounts = await this.accounts.namesByIds(rows.map((r) => r.accountId), m);
    return rows.map((r) => ({
      id: r.id,
      subject: r.name,
      accountId: r.accountId,
      accountName: accounts.get(r.accountId) ?? null,
      ticketId: r.ticketId,
      contractId: r.contractId,
      plannedDate: r.plannedDate,
      method: r.method,
      status: r.status,
      outcome: r.outcome,
      satisfaction: r.satisfaction,
      notes: r.notes,
      doneAt: r.doneAt,
      assigneeId: r.ownerId,
      assigneeName: r.ownerId ? (users.get(r.ownerId) ?? null) : null,
      departmentId: r.departmentId,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }
}

/** Return visits (回访): planned calls or visits after service, with their outcome and the customer's satisfaction. */
@Injectable()
export class ReturnVisitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly records: ReturnVisitRecords,
    private readonly users: UsersService,
    private readonly links: ServiceLinks,
    private readonly clock: TicketClock,
  ) {}

  list(actor: AuthUser, query: QueryReturnVisitsDto): Promise<Page<ReturnVisitResponse>> {
    const { dueMine, ...rest } = query;
    const qb = this.records.store.query(actor);
    if (dueMine) {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timezone }).format(this.clock.now());
      qb.andWhere(`rv.owner_id = :__me AND rv.status = 'planned' AND rv.planned_date <= :__today`, { __me: actor.id, __today: today });
    }
    return this.records.list(actor, { ...rest, q: rest.q?.trim().toLowerCase() || undefined }, qb);
  }

  get(actor: AuthUser, id: string): Promise<ReturnVisitResponse> {
    return this.records.get(actor, id);
  }

  async create(actor: AuthUser, dto: CreateReturnVisitDto): Promise<ReturnVisitResponse> {
    const saved = await this.ds.transaction(async (m) => {
      await this.assertLinks(m, actor, dto);
      const owner = await this.users.resolveOwner(m, actor, 'tickets', dto.assigneeId);
      const status = dto.status ?? 'planned';
      return this.records.store.create(
        actor,
        {
          name: dto.subject,
          accountId: dto.accountId,
          ticketId: dto.ticketId ?? null,
          contractId: dto.contractId ?? null,
          plannedDate: dto.plannedDate,
          method: dto.method ?? 'phone',
          status,
          outcome: dto.outcome ?? null,
          satisfaction: dto.satisfaction ?? null,
          notes: dto.notes ?? null,
          doneAt: status === 'done' ? this.clock.now() : null,
          ownerId: owner.ownerId,
          departmentId: owner.departmentId,
        },
        m,
      );
    });
    return this.records.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateReturnVisitDto, ifMatch?: number): Promise<ReturnVisitResponse> {
    const { version, assigneeId, subject, ...fields } = dto;
    for (const f of ['accountId', 'plannedDate', 'method', 'status'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`);
    }
    await this.ds.transaction((m) =>
      this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (r) => {
          await this.assertLinks(m, actor, fields);
          if (assigneeId && assigneeId !== r.ownerId) {
            const owner = await this.users.resolveOwner(m, actor, 'tickets', assigneeId);
            r.ownerId = owner.ownerId;
            r.departmentId = owner.departmentId;
          }
          if (fields.status === 'done' && r.status !== 'done') r.doneAt = this.clock.now();
          Object.assign(r, fields);
          if (subject) r.name = subject;
        },
        m,
      ),
    );
    return this.records.get(actor, id);
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.records.remove(actor, id, ifMatch);
  }

  /** The account, contract and ticket must be visible to the actor (422 on the field otherwise, like a missing one). */
  private async assertLinks(m: EntityManager, actor: AuthUser, dto: Partial<Pick<CreateReturnVisitDto, 'accountId' | 'contractId' | 'ticketId'>>): Promise<void> {
    await this.links.assert(m, actor, { accountId: dto.accountId, contractId: dto.contractId, ticketId: dto.ticketId }, { accountId: TicketErrorCode.RETURN_VISIT_UNKNOWN_ACCOUNT });
  }
}
