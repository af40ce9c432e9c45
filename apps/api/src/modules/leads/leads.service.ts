import { Injectable } from '@nestjs/common';
import { inTransaction, runBulkCreate } from '@core/records/bulk-create';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import type { RecordService } from '@core/records/record.service';
import { rejectNulls } from '@core/crud/record-rules';
import { badRequest, conflict } from '@core/http/domain-error';
import { RecordRefs } from '@core/records/record-refs';
import { Page } from '@core/http/keyset';
import { CsvLocale } from '@core/http/csv-export';
import type { Response } from 'express';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import type { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import { PoolsService } from '@modules/pools/pools.service';
import { Lead } from './lead.entity';
import { LeadAssignmentRulesService } from './rules/lead-assignment-rules.service';
import { computeLeadScore } from './lead-score';
import { ActivityCounter, LeadRecords } from './lead-records';
import { CreateLeadDto, LeadPage, LeadResponse, MergeDto, QueryLeadsDto, RevealedLeadResponse, UpdateLeadDto } from './dto/lead.dto';
import { LeadErrorCode } from './leads.errors';
import { LeadApprovals } from './lead-approvals';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';

export interface NewLeadOptions {
  allowDuplicate?: boolean;
  /** Owner and department to use; null owner puts the lead in `poolId`. */
  ownerId: string | null;
  departmentId: string | null;
  poolId?: string | null;
  formId?: string | null;
}

/**
 * Leads: create and update rules (dedupe, scoring, converted leads read-only); the shared record life
 * (list, search, export, reveal, duplicates, merge, remove, restore) is LeadRecords'. Ownership moves
 * live in LeadOwnershipService.
 */
@Injectable()
export class LeadsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly contactPoints: ContactPointsService,
    private readonly pools: PoolsService,
    private readonly rules: LeadAssignmentRulesService,
    private readonly records: LeadRecords,
    private readonly approvals: ApprovalsService,
    private readonly leadApprovals: LeadApprovals,
    private readonly refs: RecordRefs,
  ) {}

  /** The live lead holding this normalized (E.164) phone, with its name and holder (inbound SMS matching). */
  async holderByPhone(phone: string, m: EntityManager = this.ds.manager): Promise<{ id: string; name: string; ownerId: string | null; departmentId: string | null } | null> {
    const ids = await this.contactPoints.idsByValue(m, 'lead', 'phone', [phone]);
    const id = ids.get(phone);
    if (!id) return null;
    const lead = await m.getRepository(Lead).findOne({ where: { id }, select: { id: true, name: true, ownerId: true, departmentId: true } });
    return lead ? { id: lead.id, name: lead.name, ownerId: lead.ownerId, departmentId: lead.departmentId } : null;
  }

  /** The live lead holding this (lower-cased) email, with its name and holder (inbound email matching). */
  async holderByEmail(email: string, m: EntityManager = this.ds.manager): Promise<{ id: string; name: string; ownerId: string | null; departmentId: string | null } | null> {
    const value = email.trim().toLowerCase();
    const id = (await this.contactPoints.idsByValue(m, 'lead', 'email', [value])).get(value);
    if (!id) return null;
    const lead = await m.getRepository(Lead).findOne({ where: { id }, select: { id: true, name: true, ownerId: true, departmentId: true } });
    return lead ? { id: lead.id, name: lead.name, ownerId: lead.ownerId, departmentId: lead.departmentId } : null;
  }

  setActivityCounter(counter: ActivityCounter): void {
    this.records.setActivityCounter(counter);
  }

  toResponses(actor: AuthUser | null, leads: Lead[], m?: EntityManager): Promise<LeadResponse[]> {
    return this.records.toResponses(actor, leads, m);
  }

  list(actor: AuthUser, query: QueryLeadsDto): Promise<LeadPage> {
    return this.records.list(actor, query);
  }

  /** Every lead of the listing the actor may see, as CSV, masked like the screen. */
  exportCsv(actor: AuthUser, query: QueryLeadsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, query, res, locale);
  }

  /** Ownerless leads waiting in a pool the actor can browse. */
  async listPool(actor: AuthUser, poolId: string, query: QueryLeadsDto): Promise<Page<LeadResponse>> {
    await this.pools.assertCanBrowse(actor, poolId);
    return this.records.list(actor, query, this.records.store.query(null).andWhere('l.pool_id = :poolId AND l.owner_id IS NULL', { poolId }));
  }

  /** Leads the actor may read matching `q` (the list's `q`), newest first, masked. */
  search(actor: AuthUser, q: string, limit: number): Promise<LeadResponse[]> {
    return this.records.search(actor, q, limit);
  }

  /** The lead if the actor may read it, or must approve it (an approver reads that record even outside their scope). */
  async get(actor: AuthUser, id: string): Promise<LeadResponse> {
    try {
      return await this.records.get(actor, id);
    } catch (e) {
      if (!(await this.approvals.isApproverOf('lead', id, actor))) throw e;
      return (await this.toResponses(actor, [await this.records.find(null, id)]))[0];
    }
  }

  /** The lead if the actor may read it (404 otherwise, also when deleted). */
  /** The record if the actor may read it, also waiting in a pool they can browse (detail and timeline; never for changes). */
  getReadable(actor: AuthUser, id: string, m?: EntityManager): Promise<Lead> {
    return this.records.findReadable(actor, id, m);
  }

  getVisible(actor: AuthUser, id: string, m?: EntityManager): Promise<Lead> {
    return this.records.find(actor, id, m);
  }

  /** Which of `ids` the actor may read. */
  readable(actor: AuthUser, ids: string[], m?: EntityManager): Promise<Set<string>> {
    return this.records.readable(actor, ids, m);
  }

  /** Names of live leads by id. */
  namesByIds(ids: (string | null | undefined)[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.namesByIds(ids, m);
  }

  /** Up to 500 leads, each through `create` (per-record results; `atomic`: all or nothing). */
  bulkCreate(actor: AuthUser, body: BulkCreateDto, q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return runBulkCreate(this.ds, CreateLeadDto, body, q.atomic === true, (m, dto) => this.create(actor, dto, { allowDuplicate: q.allowDuplicate }, m));
  }

  /** With `manager`, inside that transaction (bulk create); else in its own. */
  async create(actor: AuthUser, dto: CreateLeadDto, opts: { allowDuplicate?: boolean; autoAssign?: boolean } = {}, manager?: EntityManager): Promise<LeadResponse> {
    return inTransaction(this.ds, manager, async (m) => {
      await this.assertCampaign(m, dto.campaignId);
      const routed =
        opts.autoAssign && !dto.ownerId
          ? await this.rules.route(m, { source: dto.source ?? 'other', province: dto.province ?? null, city: dto.city ?? null })
          : null;
      const ownerId = routed?.userId ?? dto.ownerId ?? actor.id;
      const departmentId = routed ? routed.departmentId : await this.ownerDepartment(m, actor, ownerId);
      const lead = await this.createInTx(m, actor, dto, { ...opts, ownerId, departmentId });
      if (opts.allowDuplicate) await this.leadApprovals.afterDuplicateCreate(m, actor, lead);
      return (await this.toResponses(actor, [lead], m))[0];
    });
  }

  /** Creates a lead inside the caller's transaction (used by the API, web forms and imports). */
  async createInTx(m: EntityManager, actor: AuthUser | null, dto: CreateLeadDto, opts: NewLeadOptions): Promise<Lead> {
    if (actor) await this.contactPoints.assertNoDuplicates(m, actor, { phones: [dto.phone], emails: [dto.email] }, opts);
    const lead = await this.records.store.create(actor, this.valuesFor(dto, opts), m);
    await this.syncContactPoints(m, lead);
    return lead;
  }

  /** Creates many leads in a few statements, without duplicate checks (imports decide those themselves). */
  async createManyInTx(m: EntityManager, actor: AuthUser | null, dtos: CreateLeadDto[], opts: NewLeadOptions): Promise<Lead[]> {
    const leads = await this.records.store.createMany(actor, dtos.map((d) => this.valuesFor(d, opts)), m);
    await this.contactPoints.syncMany(m, 'lead', leads.map((l) => ({ id: l.id, ...this.records.indexEntry(l) })), { fresh: true });
    return leads;
  }

  /** Soft-deletes those of `ids` the actor may read that are not converted (import reverts); answers the ids removed. */
  removeManyInTx(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]> {
    return this.records.removeMany(m, actor, ids);
  }

  /** Ids of live leads by external id (imports' upsert key). */
  idsByExternalId(values: string[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.idsByExternalId(values, m);
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
      custom: dto.custom,
      // set here: bulk inserts (imports) write every column and read no database default
      tags: [] as string[],
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
    return this.records.transaction(async (m) => {
      await this.approvals.assertNotPending('lead', id, m);
      // the dedupe locks come before the row lock, in the same order as import batches take them
      await this.contactPoints.lock(m, { phones: [fields.phone], emails: [fields.email] });
      const lead = await this.records.store.update(actor, id, ifMatch ?? version, async (l) => {
        if (l.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
        // a campaign is checked when it changes (a full body resending a since-deleted campaign still saves)
        if (fields.campaignId !== undefined && fields.campaignId !== l.campaignId) await this.assertCampaign(m, fields.campaignId);
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
        l.score = await this.records.scoreOf(m, l);
      }, m);
      await this.syncContactPoints(m, lead);
      return (await this.toResponses(actor, [lead], m))[0];
    }, manager);
  }

  /** Recomputes the score (e.g. after an activity was logged). */
  rescore(m: EntityManager, leadId: string): Promise<void> {
    return this.records.rescore(m, leadId);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.approvals.assertNotPending('lead', id);
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<LeadResponse> {
    return this.records.restore(actor, id);
  }

  duplicates(actor: AuthUser, id: string): Promise<DuplicateMatchDto[]> {
    return this.records.duplicates(actor, id) as Promise<DuplicateMatchDto[]>;
  }

  /** Merges duplicate leads into this one (RecordService.merge; converted leads cannot merge). */
  async merge(actor: AuthUser, id: string, dto: MergeDto): Promise<LeadResponse> {
    const survivor = await this.records.merge(actor, id, dto.duplicateIds);
    return (await this.toResponses(actor, [survivor]))[0];
  }

  /** The full phone and email of one lead; every reveal is in the audit log. */
  reveal(actor: AuthUser, id: string): Promise<RevealedLeadResponse> {
    return this.records.reveal<RevealedLeadResponse>(actor, id);
  }

  syncContactPoints(m: EntityManager, lead: Lead): Promise<void> {
    return this.records.syncContactPoints(m, lead);
  }

  /** Live records by list filters, oldest first, for demo seeders (RecordService.sample). */
  demoSample(m: EntityManager, opts: Parameters<RecordService<Lead, unknown>['sample']>[1]): Promise<Lead[]> {
    return this.records.sample(m, opts);
  }

  /**
   * Lead and converted-lead counts per campaign, over every live lead (no data scope: a campaign's stats
   * are aggregates for readers of the campaign, see the README).
   */
  async campaignCounts(campaignIds: string[], m: EntityManager = this.ds.manager): Promise<Map<string, { leads: number; converted: number }>> {
    if (!campaignIds.length) return new Map();
    const rows: { campaign_id: string; leads: number; converted: number }[] = await m.query(
      `SELECT campaign_id, count(*)::int AS leads, count(*) FILTER (WHERE status = 'converted')::int AS converted
         FROM leads WHERE campaign_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY campaign_id`,
      [campaignIds],
    );
    return new Map(rows.map((r) => [r.campaign_id, { leads: r.leads, converted: r.converted }]));
  }

  /**
   * Demo data only: links leads to a campaign; a lead given with an opportunity is marked converted into
   * it (the demo's campaign funnel), without the conversion's side effects.
   */
  async demoLinkCampaign(m: EntityManager, campaignId: string, leads: { id: string; convertedTo?: { opportunityId: string; accountId: string } }[]): Promise<void> {
    for (const l of leads) {
      const converted = l.convertedTo
        ? { status: 'converted' as const, convertedAt: new Date(), convertedOpportunityId: l.convertedTo.opportunityId, convertedAccountId: l.convertedTo.accountId }
        : {};
      await m.getRepository(Lead).update({ id: l.id }, { campaignId, ...converted });
    }
  }

  /** A given `campaignId` must be a live campaign (400 LEAD_UNKNOWN_CAMPAIGN); checked through core's RecordRefs (no import of campaigns). Lead forms ask too. */
  async assertCampaign(m: EntityManager, campaignId: string | null | undefined): Promise<void> {
    if (campaignId && !(await this.refs.exists('campaign', campaignId, m))) {
      throw badRequest(LeadErrorCode.LEAD_UNKNOWN_CAMPAIGN, 'campaignId', 'campaignId is not a campaign');
    }
  }

  /** The owner's department, after checking the owner is active and inside the actor's scope. */
  async ownerDepartment(m: EntityManager, actor: AuthUser, ownerId: string): Promise<string | null> {
    return (await this.users.resolveOwner(m, actor, 'leads', ownerId)).departmentId;
  }

}
