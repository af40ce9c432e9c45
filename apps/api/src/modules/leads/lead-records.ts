import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Injectable } from '@nestjs/common';
import { RecordRefs } from '@core/records/record-refs';
import { can } from '@keyuan/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { conflict } from '@core/http/domain-error';
import { ListSpec } from '@core/http/keyset';
import { RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { PoolsService } from '@modules/pools/pools.service';
import { LEAD_SOURCES, LEAD_STATUSES } from '@keyuan/shared';
import { LEAD_FIELDS } from './dto/lead-fields';
import { LeadResponse } from './dto/lead.dto';
import { Lead } from './lead.entity';
import { toLeadResponse } from './lead.mapper';
import { computeLeadScore } from './lead-score';
import { LeadErrorCode } from './leads.errors';

export const LEAD_LIST_SPEC: ListSpec = {
  idColumn: 'l.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'l.created_at', value: (l: Lead) => l.createdAt },
    updatedAt: { column: 'l.updated_at', value: (l: Lead) => l.updatedAt },
    name: { column: 'l.name', value: (l: Lead) => l.name },
    score: { column: 'l.score', value: (l: Lead) => l.score },
  },
  search: ['l.search_visible', 'l.search_sensitive'],
  bigramColumn: 'l.search_bigrams',
  filters: {
    status: 'l.status',
    source: 'l.source',
    ownerId: 'l.owner_id',
    departmentId: 'l.department_id',
    campaignId: 'l.campaign_id',
    province: 'l.province',
    city: 'l.city',
    externalId: 'l.external_id',
  },
  ranges: { score: 'l.score', createdAt: 'l.created_at' },
  fields: {
    name: { type: 'text', column: 'l.name' },
    company: { type: 'text', column: 'l.company' },
    title: { type: 'text', column: 'l.title' },
    status: { type: 'enum', column: 'l.status', options: LEAD_STATUSES },
    source: { type: 'enum', column: 'l.source', options: LEAD_SOURCES },
    province: { type: 'text', column: 'l.province' },
    city: { type: 'text', column: 'l.city' },
    score: { type: 'number', column: 'l.score' },
    ownerId: { type: 'uuid', column: 'l.owner_id' },
    departmentId: { type: 'uuid', column: 'l.department_id' },
    tags: { type: 'tags', column: 'l.tags' },
    createdAt: { type: 'date', column: 'l.created_at' },
    updatedAt: { type: 'date', column: 'l.updated_at' },
    nextFollowUpAt: { type: 'date', column: 'l.next_follow_up_at' },
    lastActivityAt: { type: 'date', column: 'l.last_activity_at', olderThan: 'COALESCE(l.last_activity_at, l.created_at)' },
  },
};

export const LEAD_KIND: RecordKind<Lead, LeadResponse> = {
  type: 'lead',
  entity: Lead,
  module: 'leads',
  alias: 'l',
  scope: { owner: 'l.owner_id', department: 'l.department_id' },
  list: LEAD_LIST_SPEC,
  visibleSearch: 'l.search_visible',
  csv: { name: 'leads', fields: LEAD_FIELDS },
  sensitive: [
    { field: 'phone', column: 'l.phone', kind: 'phone' },
    { field: 'email', column: 'l.email', kind: 'email' },
  ],
  displayName: (l) => (l.company ? `${l.name} (${l.company})` : l.name),
  mergeFill: ['company', 'title', 'phone', 'email', 'province', 'city', 'notes', 'campaignId', 'nextFollowUpAt'],
  pooled: true,
};

/** Counts a lead's activities of the last 30 days for its score; the activities module provides it. */
export type ActivityCounter = (manager: EntityManager, leadId: string) => Promise<number>;

/** The record machinery for leads, with the lead rules it needs: converted leads stay out of merges and the dedupe index; scores follow merges. */
@Injectable()
export class LeadRecords extends RecordService<Lead, LeadResponse> {
  private activityCounter: ActivityCounter = async () => 0;

  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    points: ContactPointsService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly pools: PoolsService,
    private readonly events: DomainEvents,
    private readonly approvals: ApprovalsService,
    private readonly refs: RecordRefs,
  ) {
    super(ds, audit, LEAD_KIND, points, custom);
  }

  setActivityCounter(counter: ActivityCounter): void {
    this.activityCounter = counter;
  }

  protected async mapResponses(actor: AuthUser | null, leads: Lead[], m: EntityManager = this.ds.manager): Promise<Omit<LeadResponse, 'actions'>[]> {
    const names = await this.users.namesByIds(leads.map((l) => l.ownerId), m);
    const campaigns = await this.refs.names('campaign', leads.map((l) => l.campaignId), m);
    return leads.map((l) => toLeadResponse(l, actor, names, campaigns));
  }

  /** The score of a lead now (profile, source, recent activities). */
  async scoreOf(m: EntityManager, lead: Lead): Promise<number> {
    return computeLeadScore(lead, await this.activityCounter(m, lead.id));
  }

  /** Recomputes the score (e.g. after an activity was logged). */
  async rescore(m: EntityManager, leadId: string): Promise<void> {
    const lead = await m.getRepository(Lead).findOne({ where: { id: leadId } });
    if (!lead) return;
    const score = await this.scoreOf(m, lead);
    if (score !== lead.score) await m.update(Lead, { id: leadId }, { score });
  }

  protected browsablePools(actor: AuthUser, m: EntityManager): Promise<string[]> {
    return this.pools.browsableIds(actor, m);
  }

  /** A converted lead is read-only (it may still be deleted or revealed); an open one converts with the account and contact permissions. */
  protected kindActions(actor: AuthUser, l: Lead, actions: RecordAction[]): RecordAction[] {
    if (l.status === 'converted') return actions.filter((a) => a === 'delete' || a === 'reveal');
    const converts = actions.includes('edit') && can(actor.grants, 'accounts', 'create');
    return converts ? [...actions, 'convert'] : actions;
  }

  protected indexed(l: Lead): boolean {
    return l.status !== 'converted';
  }

  protected locked(m: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.approvals.pendingIds('lead', ids, m);
  }

  protected async checkEdit(m: EntityManager, l: Lead): Promise<void> {
    if (l.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
    await this.approvals.assertNotPending('lead', l.id, m);
  }

  protected async checkMerge(m: EntityManager, _actor: AuthUser, survivor: Lead, duplicates: Lead[]): Promise<void> {
    if ([survivor, ...duplicates].some((l) => l.status === 'converted')) {
      throw conflict(LeadErrorCode.LEAD_CONVERTED, 'Converted leads are read-only and cannot be merged');
    }
    // a lead waiting for an approval (撞单) neither merges nor is merged away until it is decided
    for (const l of [survivor, ...duplicates]) await this.approvals.assertNotPending('lead', l.id, m);
  }

  protected async afterMerge(m: EntityManager, _actor: AuthUser, survivor: Lead, duplicates: Lead[]): Promise<void> {
    await this.events.emit(m, 'lead.merged', { fromIds: duplicates.map((d) => d.id), intoId: survivor.id });
    await this.rescore(m, survivor.id);
  }

  /** A converted lead stays (it became an account and a contact). */
  protected async removable(m: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.store.query(null, m).select('l.id', 'id').andWhere('l.id IN (:...ids)', { ids }).andWhere(`l.status <> 'converted'`).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  protected gone(m: EntityManager, ids: string[]): Promise<void> {
    return this.pools.endClaim(m, 'lead', ids);
  }
}
