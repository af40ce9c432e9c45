import { Injectable, OnModuleInit } from '@nestjs/common';
import { inTransaction, runBulkCreate } from '@core/records/bulk-create';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { rejectNulls } from '@core/crud/record-rules';
import { DomainEvents } from '@core/events/domain-events';
import { followMerges } from '@core/events/follow-merges';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import { LeadsService } from '@modules/leads/leads.service';
import { RelatedIds, RelatedRecordsService } from '@modules/tasks/related-records.service';
import { Activity, type ActivityType } from './activity.entity';
import { toActivityResponse } from './activity.mapper';
import { activityDefaults, countsAsFollowUp, followUpTime, inapplicableFields } from './activity-rules';
import { ActivityResponse, CreateActivityDto, QueryActivitiesDto, UpdateActivityDto } from './dto/activity.dto';
import { ActivityErrorCode } from './activities.errors';

export const ACTIVITY_LIST_SPEC: ListSpec = {
  idColumn: 'a.id',
  defaultSort: '-occurredAt',
  sortable: {
    occurredAt: { column: 'a.occurred_at', value: (a: Activity) => a.occurredAt },
    createdAt: { column: 'a.created_at', value: (a: Activity) => a.createdAt },
  },
  search: ['a.search_text'],
  filters: {
    type: 'a.type',
    direction: 'a.direction',
    status: 'a.status',
    ownerId: 'a.owner_id',
    leadId: 'a.lead_id',
    accountId: 'a.account_id',
    contactId: 'a.contact_id',
    opportunityId: 'a.opportunity_id',
  },
  ranges: { occurredAt: 'a.occurred_at' },
};

/** Activities of a lead in the last 30 days that count for its score (done follow-ups only). */
const LEAD_ACTIVITY_COUNT = `
  SELECT count(*)::int AS n FROM activities
   WHERE lead_id = $1 AND deleted_at IS NULL AND coalesce(status, 'done') = 'done'
     AND occurred_at > clock_timestamp() - interval '30 days' AND occurred_at <= clock_timestamp() + interval '1 minute'`;

const hasRelated = (ids: RelatedIds) => !!(ids.leadId || ids.accountId || ids.contactId || ids.opportunityId);

/**
 * Activities (跟进记录): calls (with the inbound call log matched by caller phone), visits, meetings,
 * notes and emails on leads, accounts and contacts. Logging one moves the records' last activity time
 * (through `activity.logged`, handled by their modules in the same transaction) and rescores a lead.
 */
@Injectable()
export class ActivitiesService implements OnModuleInit {
  private readonly store: RecordStore<Activity>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly events: DomainEvents,
    private readonly users: UsersService,
    private readonly leads: LeadsService,
    private readonly contactPoints: ContactPointsService,
    readonly related: RelatedRecordsService,
  ) {
    this.store = new RecordStore(ds, audit, Activity, {
      entityType: 'activity',
      module: 'activities',
      alias: 'a',
      scope: { owner: 'a.owner_id', department: 'a.department_id' },
    });
  }

  onModuleInit(): void {
    this.leads.setActivityCounter(async (m, leadId) => (await m.query(LEAD_ACTIVITY_COUNT, [leadId]))[0].n);
    // activities follow merged records to the survivor
    followMerges(this.events, 'activities', { 'lead.merged': 'lead_id', 'account.merged': 'account_id', 'contact.merged': 'contact_id' });
    this.events.on('lead.converted', (m, e) => this.carryOver(m, e));
  }

  /**
   * A converted lead's activities also belong to the account and contact it became (the lead keeps them),
   * so a logged call stays on their timelines; their last activity time follows the newest follow-up.
   */
  private async carryOver(m: EntityManager, e: { leadId: string; accountId: string; contactId: string | null }): Promise<void> {
    const [moved]: [{ id: string; occurred_at: Date; status: Activity['status'] }[], number] = await m.query(
      `UPDATE activities SET account_id = $2, contact_id = $3
        WHERE lead_id = $1 AND account_id IS NULL AND contact_id IS NULL AND deleted_at IS NULL
        RETURNING id, occurred_at, status`,
      [e.leadId, e.accountId, e.contactId],
    );
    const newest = moved.filter((a) => countsAsFollowUp(a)).sort((a, b) => b.occurred_at.getTime() - a.occurred_at.getTime())[0];
    if (newest) {
      // the lead already counted it: only the account and contact move their last activity forward
      await this.events.emit(m, 'activity.logged', {
        activityId: newest.id,
        at: followUpTime(newest.occurred_at, new Date()),
        leadId: null,
        accountId: e.accountId,
        contactId: e.contactId,
      });
    }
  }

  async toResponses(actor: AuthUser | null, activities: Activity[], m: EntityManager = this.ds.manager): Promise<ActivityResponse[]> {
    const owners = await this.users.namesByIds(activities.map((a) => a.ownerId), m);
    const related = await this.related.names(m, activities);
    return activities.map((a) => toActivityResponse(a, actor, owners, related));
  }

  async list(actor: AuthUser, query: QueryActivitiesDto): Promise<Page<ActivityResponse>> {
    const page = await this.store.list(actor, query, ACTIVITY_LIST_SPEC);
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  async get(actor: AuthUser, id: string): Promise<ActivityResponse> {
    return (await this.toResponses(actor, [await this.store.get(actor, id)]))[0];
  }

  /** Up to 500 activities, each through `create` (per-record results; `atomic`: all or nothing). */
  bulkCreate(actor: AuthUser, body: BulkCreateDto, q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return runBulkCreate(this.ds, CreateActivityDto, body, q.atomic === true, (m, dto) => this.create(actor, dto, m));
  }

  /** With `manager`, inside that transaction (bulk create); else in its own. */
  async create(actor: AuthUser, dto: CreateActivityDto, manager?: EntityManager): Promise<ActivityResponse> {
    this.assertFieldsApply(dto.type, dto);
    return inTransaction(this.ds, manager, async (m) => {
      let ids: RelatedIds = { leadId: dto.leadId, accountId: dto.accountId, contactId: dto.contactId, opportunityId: dto.opportunityId };
      const direction = dto.type === 'call' ? (dto.direction ?? 'outbound') : null;
      if (!hasRelated(ids) && direction === 'inbound' && dto.callerPhone) ids = await this.matchCaller(m, actor, dto.callerPhone);
      if (!hasRelated(ids)) {
        throw badRequest(
          ActivityErrorCode.ACTIVITY_RELATED_REQUIRED,
          'leadId',
          direction === 'inbound' && dto.callerPhone
            ? 'No contact, account or lead you can read has this callerPhone; give a leadId, accountId, contactId or opportunityId'
            : 'Give a leadId, accountId, contactId or opportunityId',
        );
      }
      const related = await this.related.resolve(m, actor, ids);
      const now = new Date();
      const { status, occurredAt } = activityDefaults(dto.type, dto, now);
      const activity = await this.store.create(
        actor,
        {
          type: dto.type,
          subject: dto.subject ?? null,
          content: dto.content ?? null,
          occurredAt,
          direction,
          durationSec: dto.durationSec ?? null,
          outcome: dto.outcome ?? null,
          callerPhone: dto.callerPhone ?? null,
          // a visit or meeting always has a calendar slot: its plan time, else when it happened
          plannedAt: dto.plannedAt ?? (status ? occurredAt : null),
          location: dto.location ?? null,
          status,
          ...related,
          ownerId: actor.id,
          departmentId: actor.departmentId,
        },
        m,
      );
      await this.followUp(m, activity);
      return (await this.toResponses(actor, [activity], m))[0];
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateActivityDto, ifMatch?: number): Promise<ActivityResponse> {
    rejectNulls(dto, ['occurredAt']);
    const { version, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      const activity = await this.store.update(
        actor,
        id,
        ifMatch ?? version,
        (a) => {
          this.assertFieldsApply(a.type, fields);
          if (a.type === 'call' && fields.direction === null) fields.direction = 'outbound';
          if (fields.status === null) throw badRequest('VALIDATION_FAILED', 'status', 'status cannot be null', { fieldCode: 'not_null' });
          const becameDone = fields.status === 'done' && a.status !== 'done';
          const replanned = a.status === 'planned' && fields.plannedAt && fields.occurredAt === undefined;
          Object.assign(a, fields);
          // a planned visit happens when planned; one reported done early happened now
          if (replanned) a.occurredAt = fields.plannedAt!;
          if (becameDone && fields.occurredAt === undefined && a.occurredAt.getTime() > Date.now()) a.occurredAt = new Date();
        },
        m,
      );
      await this.followUp(m, activity);
      return (await this.toResponses(actor, [activity], m))[0];
    });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    let leadId: string | null = null;
    await this.store.softDelete(actor, id, ifMatch, async (a) => {
      leadId = a.leadId;
    });
    // the score is derived: recomputed once the activity is gone
    if (leadId) await this.ds.transaction((m) => this.leads.rescore(m, leadId!));
  }

  async restore(actor: AuthUser, id: string): Promise<ActivityResponse> {
    const activity = await this.store.restore(actor, id, (a, m) => this.followUp(m, a));
    return (await this.toResponses(actor, [activity]))[0];
  }

  /** Activities by id (no scope check: callers checked access to the record they belong to). */
  /** The user's visits and meetings of `types` planned between two times that the actor may read, earliest first. */
  plannedBetween(actor: AuthUser, userId: string, types: readonly ActivityType[], from: Date, to: Date, limit: number): Promise<Activity[]> {
    return this.store
      .query(actor)
      .andWhere(`a.owner_id = :uid AND a.type IN (:...types) AND a.status <> 'cancelled' AND a.planned_at BETWEEN :from AND :to`, {
        uid: userId,
        types,
        from,
        to,
      })
      .orderBy('a.planned_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async byIds(actor: AuthUser, ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, ActivityResponse>> {
    if (!ids.length) return new Map();
    const rows = await m.getRepository(Activity).findBy({ id: In(ids) });
    return new Map((await this.toResponses(actor, rows, m)).map((a) => [a.id, a]));
  }

  /**
   * The record an inbound call came from: the contact you can read with this number (then its
   * account), else such an account, else such a lead. Uses the shared phone index (E.164).
   */
  async matchCaller(m: EntityManager, actor: AuthUser, phone: string): Promise<RelatedIds> {
    const matches = (await this.contactPoints.findMatches(m, actor, { phones: [phone], emails: [] })).filter((x) => x.visible && x.id);
    for (const type of ['contact', 'account', 'lead'] as const) {
      const hit = matches.find((x) => x.entityType === type);
      if (hit) return { [`${type}Id`]: hit.id! };
    }
    return {};
  }

  /** Moves the related records' last activity time (via their modules) and rescores a lead; also used by the demo seeder. */
  async followUp(m: EntityManager, a: Activity): Promise<void> {
    if (countsAsFollowUp(a)) {
      await this.events.emit(m, 'activity.logged', {
        activityId: a.id,
        at: followUpTime(a.occurredAt, new Date()),
        leadId: a.leadId,
        accountId: a.accountId,
        contactId: a.contactId,
      });
    }
    if (a.leadId) await this.leads.rescore(m, a.leadId);
  }

  private assertFieldsApply(type: ActivityType, dto: object): void {
    const wrong = inapplicableFields(type, dto as Record<string, unknown>);
    if (wrong.length) {
      throw badRequest(ActivityErrorCode.ACTIVITY_FIELD_NOT_APPLICABLE, wrong[0], `${wrong.join(', ')} do(es) not apply to a ${type}`);
    }
  }
}
