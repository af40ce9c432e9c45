import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { rejectNulls } from '@core/crud/record-rules';
import { conflict } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { CsvLocale, streamCsv } from '@core/http/csv-export';
import type { Response } from 'express';
import { LEAD_FIELDS } from './dto/lead-fields';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import type { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import { PoolsService } from '@modules/pools/pools.service';
import { Lead } from './lead.entity';
import { LeadAssignmentRulesService } from './rules/lead-assignment-rules.service';
import { computeLeadScore } from './lead-score';
import { toLeadResponse } from './lead.mapper';
import { CreateLeadDto, LeadPage, LeadResponse, QueryLeadsDto, RevealedLeadResponse, UpdateLeadDto } from './dto/lead.dto';
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
  search: ['l.search_text'],
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
};

/** Counts a lead's activities of the last 30 days for its score; the activities module provides it. */
export type ActivityCounter = (manager: EntityManager, leadId: string) => Promise<number>;

export interface NewLeadOptions {
  allowDuplicate?: boolean;
  /** Owner and department to use; null owner puts the lead in `poolId`. */
  ownerId: string | null;
  departmentId: string | null;
  poolId?: string | null;
  formId?: string | null;
}

/** Leads: CRUD with dedupe, scoring, masking and the audited reveal. Ownership moves live in LeadOwnershipService. */
@Injectable()
export class LeadsService {
  readonly store: RecordStore<Lead>;
  private activityCounter: ActivityCounter = async () => 0;

  constructor(
    @InjectDataSource() readonly ds: DataSource,
    private readonly audit: AuditService,
    readonly users: UsersService,
    private readonly contactPoints: ContactPointsService,
    readonly pools: PoolsService,
    private readonly rules: LeadAssignmentRulesService,
  ) {
    this.store = new RecordStore(ds, audit, Lead, {
      entityType: 'lead',
      module: 'leads',
      alias: 'l',
      scope: { owner: 'l.owner_id', department: 'l.department_id' },
    });
  }

  setActivityCounter(counter: ActivityCounter): void {
    this.activityCounter = counter;
  }

  async toResponses(actor: AuthUser | null, leads: Lead[], m: EntityManager = this.ds.manager): Promise<LeadResponse[]> {
    const names = await this.users.namesByIds(leads.map((l) => l.ownerId), m);
    return leads.map((l) => toLeadResponse(l, actor, names));
  }

  async list(actor: AuthUser, query: QueryLeadsDto): Promise<LeadPage> {
    const page = await this.store.list(actor, query, LEAD_LIST_SPEC);
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  /** Every lead of the listing the actor may see, as CSV, masked like the screen. */
  async exportCsv(actor: AuthUser, query: QueryLeadsDto, res: Response, locale: CsvLocale): Promise<void> {
    const date = new Date().toISOString().slice(0, 10);
    await streamCsv(res, `leads-${date}.csv`, LEAD_FIELDS, locale, async (cursor) => {
      const page = await this.store.list(actor, { ...query, cursor, limit: 1000 }, LEAD_LIST_SPEC, undefined, { count: false });
      return { data: await this.toResponses(actor, page.data), nextCursor: page.nextCursor };
    });
  }

  /** Ownerless leads waiting in a pool the actor can browse. */
  async listPool(actor: AuthUser, poolId: string, query: QueryLeadsDto): Promise<Page<LeadResponse>> {
    await this.pools.assertCanBrowse(actor, poolId);
    const qb = this.store.query(null).andWhere('l.pool_id = :poolId AND l.owner_id IS NULL', { poolId });
    const page = await this.store.list(actor, query, LEAD_LIST_SPEC, qb);
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  /** Leads the actor may read matching `q` (name, company, phone, email), newest first, masked. */
  async search(actor: AuthUser, q: string, limit: number): Promise<LeadResponse[]> {
    // the search box shows hits, not a count: skip counting
    const page = await this.store.list(actor, { q, limit }, LEAD_LIST_SPEC, undefined, { count: false });
    return this.toResponses(actor, page.data);
  }

  async get(actor: AuthUser, id: string): Promise<LeadResponse> {
    return (await this.toResponses(actor, [await this.store.get(actor, id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateLeadDto, opts: { allowDuplicate?: boolean; autoAssign?: boolean } = {}): Promise<LeadResponse> {
    return this.ds.transaction(async (m) => {
      const routed =
        opts.autoAssign && !dto.ownerId
          ? await this.rules.route(m, { source: dto.source ?? 'other', province: dto.province ?? null, city: dto.city ?? null })
          : null;
      const ownerId = routed?.userId ?? dto.ownerId ?? actor.id;
      const departmentId = routed ? routed.departmentId : await this.ownerDepartment(m, actor, ownerId);
      const lead = await this.createInTx(m, actor, dto, { ...opts, ownerId, departmentId });
      return (await this.toResponses(actor, [lead], m))[0];
    });
  }

  /** Creates a lead inside the caller's transaction (used by the API, web forms and imports). */
  async createInTx(m: EntityManager, actor: AuthUser | null, dto: CreateLeadDto, opts: NewLeadOptions): Promise<Lead> {
    if (actor) await this.contactPoints.assertNoDuplicates(m, actor, { phones: [dto.phone], emails: [dto.email] }, opts);
    const lead = await this.store.create(actor, this.valuesFor(dto, opts), m);
    await this.syncContactPoints(m, lead);
    return lead;
  }

  /** Creates many leads in a few statements, without duplicate checks (imports decide those themselves). */
  async createManyInTx(m: EntityManager, actor: AuthUser | null, dtos: CreateLeadDto[], opts: NewLeadOptions): Promise<Lead[]> {
    const leads = await this.store.createMany(actor, dtos.map((d) => this.valuesFor(d, opts)), m);
    await this.contactPoints.syncMany(m, 'lead', leads.map((l) => ({ id: l.id, ...this.contactPointsOf(l) })), { fresh: true });
    return leads;
  }

  /** Soft-deletes many leads (import reverts). */
  async removeManyInTx(m: EntityManager, actor: AuthUser | null, ids: string[]): Promise<void> {
    await this.store.softDeleteMany(actor, ids, m);
    await this.contactPoints.removeMany(m, 'lead', ids);
    await this.pools.endClaim(m, 'lead', ids);
  }

  private valuesFor(dto: CreateLeadDto, opts: NewLeadOptions) {
    const values = {
      name: dto.name,
      company: dto.company ?? null,
      title: dto.title ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      source: dto.source ?? 'other',
      status: dto.status ?? 'new',
      province: dto.province ?? null,
      city: dto.city ?? null,
      notes: dto.notes ?? null,
      campaignId: dto.campaignId ?? null,
      nextFollowUpAt: dto.nextFollowUpAt ?? null,
      externalId: dto.externalId ?? null,
      ownerId: opts.ownerId,
      departmentId: opts.departmentId,
      poolId: opts.poolId ?? null,
      formId: opts.formId ?? null,
    } as const;
    return { ...values, score: computeLeadScore(values, 0) };
  }

  /** PATCH rules (read-only converted leads, dedupe, rescoring); joins the caller's transaction when given `manager` (imports). */
  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateLeadDto,
    ifMatch?: number,
    opts: { allowDuplicate?: boolean } = {},
    manager?: EntityManager,
  ): Promise<LeadResponse> {
    rejectNulls(dto, ['name', 'source', 'status']);
    const { version, ...fields } = dto;
    return this.store.transaction(async (m) => {
      const lead = await this.store.update(actor, id, ifMatch ?? version, async (l) => {
        if (l.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
        const phoneChanged = fields.phone !== undefined && fields.phone !== l.phone;
        const emailChanged = fields.email !== undefined && fields.email !== l.email;
        if (phoneChanged || emailChanged) {
          await this.contactPoints.assertNoDuplicates(
            m,
            actor,
            { phones: [phoneChanged ? fields.phone : null], emails: [emailChanged ? fields.email : null] },
            { allowDuplicate: opts.allowDuplicate, exclude: [{ entityType: 'lead', id: l.id }] },
          );
        }
        Object.assign(l, fields);
        l.score = computeLeadScore(l, await this.activityCounter(m, l.id));
      }, m);
      await this.syncContactPoints(m, lead);
      return (await this.toResponses(actor, [lead], m))[0];
    }, manager);
  }

  /** Recomputes the score (e.g. after an activity was logged). */
  async rescore(m: EntityManager, leadId: string): Promise<void> {
    const lead = await m.getRepository(Lead).findOne({ where: { id: leadId } });
    if (!lead) return;
    const score = computeLeadScore(lead, await this.activityCounter(m, leadId));
    if (score !== lead.score) await m.update(Lead, { id: leadId }, { score });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (l, m) => {
      await this.contactPoints.remove(m, 'lead', l.id);
      await this.pools.endClaim(m, 'lead', [l.id]);
    });
  }

  async restore(actor: AuthUser, id: string): Promise<LeadResponse> {
    const lead = await this.store.restore(actor, id, (l, m) => this.syncContactPoints(m, l));
    return (await this.toResponses(actor, [lead]))[0];
  }

  async duplicates(actor: AuthUser, id: string): Promise<DuplicateMatchDto[]> {
    const lead = await this.store.get(actor, id);
    return this.contactPoints.findMatches(this.ds.manager, actor, { phones: [lead.phone], emails: [lead.email] }, [
      { entityType: 'lead', id },
    ]);
  }

  /** The full phone and email of one lead; every reveal is in the audit log. */
  async reveal(actor: AuthUser, id: string): Promise<RevealedLeadResponse> {
    return this.ds.transaction(async (m) => {
      const lead = await this.store.get(actor, id, m);
      const fields = [lead.phone && 'phone', lead.email && 'email'].filter(Boolean) as string[];
      await this.audit.record(m, actor, 'reveal', 'lead', id, fields.map((field) => ({ field, old: null, new: '(revealed)' })));
      return { phone: lead.phone, email: lead.email };
    });
  }

  async syncContactPoints(m: EntityManager, lead: Lead): Promise<void> {
    if (lead.status === 'converted' || lead.deletedAt) {
      await this.contactPoints.remove(m, 'lead', lead.id);
      return;
    }
    await this.contactPoints.sync(m, 'lead', lead.id, this.contactPointsOf(lead));
  }

  private contactPointsOf(lead: Lead) {
    return {
      phones: [lead.phone],
      emails: [lead.email],
      displayName: lead.company ? `${lead.name} (${lead.company})` : lead.name,
      ownerId: lead.ownerId,
      departmentId: lead.departmentId,
    };
  }

  /** The owner's department, after checking the owner is active and inside the actor's scope. */
  async ownerDepartment(m: EntityManager, actor: AuthUser, ownerId: string): Promise<string | null> {
    return (await this.users.resolveOwner(m, actor, 'leads', ownerId)).departmentId;
  }

}
