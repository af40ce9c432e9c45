import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AccountLevel, TicketPriority, TicketStatus } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { BusinessCalendarsService } from '@modules/business-calendars/business-calendars.service';
import { CreateSlaPolicyDto, SlaPolicyList, SlaPolicyResponse, UpdateSlaPolicyDto } from './dto/team-sla.dto';
import { SlaPolicy } from './sla-policy.entity';
import { assertServiceManager } from './ticket-teams.service';
import { TicketErrorCode } from './tickets.errors';

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

const toResponse = (p: SlaPolicy): SlaPolicyResponse => ({
  id: p.id,
  name: p.name,
  priority: p.priority,
  accountLevel: p.accountLevel,
  calendarId: p.calendarId,
  firstResponseMinutes: p.firstResponseMinutes,
  nextResponseMinutes: p.nextResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  pauseStatuses: p.pauseStatuses,
  raisePriority: p.raisePriority,
  active: p.active,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** SLA policies: targets in working minutes per priority (and optionally account level). */
@Injectable()
export class SlaPoliciesService {
  private readonly store: RecordStore<SlaPolicy>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly calendars: BusinessCalendarsService,
  ) {
    this.store = new RecordStore(ds, audit, SlaPolicy, { entityType: 'sla_policy', module: 'tickets', alias: 'sp' });
  }

  async list(): Promise<SlaPolicyList> {
    const rows = await this.store.query(null).getMany();
    rows.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || (a.accountLevel ?? '').localeCompare(b.accountLevel ?? ''));
    return { data: rows.map(toResponse) };
  }

  async get(id: string): Promise<SlaPolicyResponse> {
    return toResponse(await this.store.get(null, id));
  }

  async create(actor: AuthUser, dto: CreateSlaPolicyDto): Promise<SlaPolicyResponse> {
    assertServiceManager(actor);
    const saved = await this.unique(() =>
      this.ds.transaction(async (m) => {
        if (dto.calendarId) await this.assertCalendar(m, dto.calendarId);
        return this.store.create(
          actor,
          {
            name: dto.name,
            priority: dto.priority,
            accountLevel: dto.accountLevel ?? null,
            calendarId: dto.calendarId ?? null,
            firstResponseMinutes: dto.firstResponseMinutes,
            nextResponseMinutes: dto.nextResponseMinutes ?? null,
            resolutionMinutes: dto.resolutionMinutes,
            pauseStatuses: (dto.pauseStatuses ?? ['pending']) as TicketStatus[],
            raisePriority: dto.raisePriority ?? false,
            active: dto.active ?? true,
          },
          m,
        );
      }),
    );
    return toResponse(saved);
  }

  async update(actor: AuthUser, id: string, dto: UpdateSlaPolicyDto, ifMatch?: number): Promise<SlaPolicyResponse> {
    assertServiceManager(actor);
    const { version, ...fields } = dto;
    for (const f of ['name', 'priority', 'firstResponseMinutes', 'resolutionMinutes'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`);
    }
    const saved = await this.unique(() =>
      this.ds.transaction(async (m) =>
        this.store.update(
          actor,
          id,
          ifMatch ?? version,
          async (p) => {
            if (fields.calendarId) await this.assertCalendar(m, fields.calendarId);
            Object.assign(p, fields);
          },
          m,
        ),
      ),
    );
    return toResponse(saved);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    assertServiceManager(actor);
    await this.store.softDelete(actor, id, ifMatch);
  }

  /** The policy for a ticket: the active one of its priority and the account's level, else of its priority alone. */
  async match(m: EntityManager, priority: TicketPriority, level: AccountLevel | null): Promise<SlaPolicy | null> {
    const qb = this.store.query(null, m).andWhere('sp.priority = :priority AND sp.active', { priority });
    if (level) qb.andWhere('(sp.account_level IS NULL OR sp.account_level = :level)', { level });
    else qb.andWhere('sp.account_level IS NULL');
    return qb.orderBy('sp.account_level IS NULL', 'ASC').getOne();
  }

  /** A policy by id, also deleted (tickets keep the targets they were given). */
  find(m: EntityManager, id: string): Promise<SlaPolicy | null> {
    return m.getRepository(SlaPolicy).findOne({ where: { id }, withDeleted: true });
  }

  private async assertCalendar(m: EntityManager, id: string): Promise<void> {
    await this.calendars.specFor(id, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw badRequest(TicketErrorCode.SLA_POLICY_UNKNOWN_CALENDAR, 'calendarId', 'calendarId is not a business calendar');
      throw e;
    });
  }

  private async unique<X>(fn: () => Promise<X>): Promise<X> {
    return fn().catch((e: unknown) => {
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'uq_sla_policies_target') {
        throw conflict(TicketErrorCode.SLA_POLICY_TAKEN, 'A policy for this priority and account level exists', [{ field: 'priority', message: 'already has a policy' }]);
      }
      throw e;
    });
  }
}
