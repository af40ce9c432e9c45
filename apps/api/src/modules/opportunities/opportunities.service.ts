import { Injectable } from '@nestjs/common';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import type { FieldChange } from '@core/audit/audit.service';
import { rejectNulls } from '@core/crud/record-rules';
import { badRequest, DomainError } from '@core/http/domain-error';
import { CsvLocale } from '@core/http/csv-export';
import type { RecordService } from '@core/records/record.service';
import { RecordRefs } from '@core/records/record-refs';
import { UsersService } from '@modules/admin/users/users.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { PipelineStage } from './pipeline.entity';
import { Opportunity, OpportunityStageMove } from './opportunity.entity';
import { OpportunityRecords } from './opportunity-records';
import { assertNotFromLines } from './opportunity-lines.rules';
import { dateInDays, secondsBetween } from './opportunity-rules';
import { OpportunityErrorCode } from './opportunities.errors';
import { PipelinesService } from './pipelines.service';
import {
  CreateOpportunityDto,
  ExportOpportunitiesDto,
  MoveOpportunityDto,
  OpportunityPage,
  OpportunityResponse,
  QueryOpportunitiesDto,
  StageHistoryResponse,
  UpdateOpportunityDto,
} from './dto/opportunity.dto';

/** Fields a PATCH may not set to null. */
const REQUIRED_FIELDS = ['name', 'accountId', 'pipelineId', 'stageId', 'amount', 'currency', 'expectedCloseDate', 'competitors', 'ownerId'];

/** What a new opportunity may carry beyond the API's fields (lead conversion). */
export interface CreateOpportunityOptions {
  leadId?: string;
  /** The converted lead's campaign (not checked again: the lead's link is kept even if the campaign was deleted since). */
  campaignId?: string | null;
}

/** Per campaign: opportunities, won ones, and won amounts per currency (never added across currencies). */
export interface CampaignOpportunityTotals {
  opportunities: number;
  won: number;
  wonAmounts: { currency: string; amount: string }[];
}

/**
 * Opportunities (商机): create and update rules (account and contact in scope, owner, pipeline and stage),
 * stage moves with their history, won and lost dates and the lost reason. The shared record life (list,
 * export, remove, restore) is OpportunityRecords'; the board's totals are OpportunitySummaryService's.
 */
@Injectable()
export class OpportunitiesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: OpportunityRecords,
    private readonly currencies: CurrenciesService,
    private readonly pipelines: PipelinesService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly users: UsersService,
    private readonly refs: RecordRefs,
  ) {}

  toResponses(actor: AuthUser | null, rows: Opportunity[], m?: EntityManager): Promise<OpportunityResponse[]> {
    return this.records.toResponses(actor, rows, m);
  }

  list(actor: AuthUser, query: QueryOpportunitiesDto): Promise<OpportunityPage> {
    return this.records.list(actor, query);
  }

  exportCsv(actor: AuthUser, query: ExportOpportunitiesDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, query, res, locale);
  }

  get(actor: AuthUser, id: string): Promise<OpportunityResponse> {
    return this.records.get(actor, id);
  }

  /** The opportunity if the actor may read it; 404 otherwise (also for deleted ones). */
  getVisible(actor: AuthUser | null, id: string, m?: EntityManager): Promise<Opportunity> {
    return this.records.find(actor, id, m);
  }

  /** Which of `ids` the actor may read. */
  readable(actor: AuthUser, ids: string[], m?: EntityManager): Promise<Set<string>> {
    return this.records.readable(actor, ids, m);
  }

  namesByIds(ids: (string | null | undefined)[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.namesByIds(ids, m);
  }

  async create(actor: AuthUser, dto: CreateOpportunityDto): Promise<OpportunityResponse> {
    return this.ds.transaction(async (m) => (await this.toResponses(actor, [await this.createInTx(actor, m, dto)], m))[0]);
  }

  /** Creates an opportunity inside the caller's transaction (the API and lead conversion). */
  async createInTx(actor: AuthUser, m: EntityManager, input: CreateOpportunityDto, opts: CreateOpportunityOptions = {}): Promise<Opportunity> {
    const dto = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CreateOpportunityDto;
    await this.assertAccount(m, actor, dto.accountId);
    await this.currencies.assertEnabled(dto.currency ?? 'CNY', 'currency', m);
    if (dto.contactId) await this.assertContact(m, actor, dto.contactId, dto.accountId);
    if (dto.campaignId) await this.assertCampaign(m, dto.campaignId);
    const owner = await this.users.resolveOwner(m, actor, 'opportunities', dto.ownerId);
    const stage = await this.resolveStage(m, dto.pipelineId, dto.stageId);
    const lostReason = this.lostReasonFor(stage, dto.lostReason);
    const now = new Date();
    const overridden = dto.probability !== undefined && dto.probability !== null;
    const o = await this.records.store.create(
      actor,
      {
        name: dto.name,
        accountId: dto.accountId,
        contactId: dto.contactId ?? null,
        pipelineId: stage.pipelineId,
        stageId: stage.id,
        amount: dto.amount ?? '0',
        currency: dto.currency ?? 'CNY',
        probability: overridden ? dto.probability! : stage.probability,
        probabilityOverridden: overridden,
        expectedCloseDate: dto.expectedCloseDate ?? dateInDays(30),
        ownerId: owner.ownerId,
        departmentId: owner.departmentId,
        source: dto.source ?? null,
        competitors: dto.competitors ?? [],
        nextStep: dto.nextStep ?? null,
        lostReason,
        wonAt: stage.kind === 'won' ? now : null,
        lostAt: stage.kind === 'lost' ? now : null,
        stageEnteredAt: now,
        leadId: opts.leadId ?? null,
        campaignId: dto.campaignId ?? opts.campaignId ?? null,
        custom: dto.custom,
      },
      m,
    );
    await this.recordMove(m, actor, o.id, null, stage.id, now, null);
    // numeric comes back normalised ("128000.00") when read again
    return this.records.find(null, o.id, m);
  }

  /** PATCH rules; a new `stageId` (or `pipelineId`) is a stage move with its history row. */
  async update(actor: AuthUser, id: string, dto: UpdateOpportunityDto, ifMatch?: number): Promise<OpportunityResponse> {
    rejectNulls(dto, REQUIRED_FIELDS);
    // DTO instances carry every declared field, the absent ones as undefined
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdateOpportunityDto;
    const { version, ownerId, stageId, pipelineId, probability, lostReason, ...fields } = given;
    return this.ds.transaction(async (m) => {
      const o = await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (o) => {
          const extra: FieldChange[] = [];
          if (fields.currency && fields.currency !== o.currency) await this.currencies.assertEnabled(fields.currency, 'currency', m);
          if (fields.accountId && fields.accountId !== o.accountId) await this.assertAccount(m, actor, fields.accountId);
          const accountId = fields.accountId ?? o.accountId;
          if (fields.contactId && (fields.contactId !== o.contactId || accountId !== o.accountId)) await this.assertContact(m, actor, fields.contactId, accountId);
          if (fields.contactId === undefined && o.contactId && accountId !== o.accountId) fields.contactId = null;
          if (fields.campaignId && fields.campaignId !== o.campaignId) await this.assertCampaign(m, fields.campaignId);
          if (ownerId && ownerId !== o.ownerId) {
            const owner = await this.users.resolveOwner(m, actor, 'opportunities', ownerId);
            o.ownerId = owner.ownerId;
            o.departmentId = owner.departmentId;
          }
          assertNotFromLines(o, fields);
          Object.assign(o, fields);
          if (probability !== undefined) {
            o.probabilityOverridden = probability !== null;
            if (probability !== null) o.probability = probability;
          }
          const targetPipeline = pipelineId ?? o.pipelineId;
          if ((stageId && stageId !== o.stageId) || targetPipeline !== o.pipelineId) {
            const stage = stageId ? await this.pipelines.stageForInput(m, stageId) : await this.pipelines.firstStage(m, targetPipeline);
            if (pipelineId && pipelineId !== o.pipelineId) await this.pipelines.pipelineForInput(m, pipelineId);
            if (stage.pipelineId !== targetPipeline) throw this.notInPipeline();
            o.pipelineId = targetPipeline;
            extra.push(...(await this.enterStage(m, actor, o, stage, lostReason ?? undefined)));
          } else {
            const stage = (await this.pipelines.stagesByIds([o.stageId], m)).get(o.stageId)!;
            if (lostReason !== undefined) o.lostReason = stage.kind === 'lost' ? this.lostReasonFor(stage, lostReason) : lostReason;
            if (probability === null) o.probability = stage.probability;
          }
          return extra;
        },
        m,
      );
      return (await this.toResponses(actor, [o], m))[0];
    });
  }

  /**
   * Moves the opportunity to another stage of its pipeline: the row lock and `version` make one of two
   * parallel moves from the same version a 412; the history row says how long it sat in the old stage.
   */
  async move(actor: AuthUser, id: string, dto: MoveOpportunityDto, ifMatch?: number): Promise<OpportunityResponse> {
    return this.ds.transaction(async (m) => {
      const o = await this.records.store.update(
        actor,
        id,
        ifMatch ?? dto.version,
        async (o) => {
          const stage = await this.pipelines.stageForInput(m, dto.stageId);
          if (stage.pipelineId !== o.pipelineId) throw this.notInPipeline();
          if (stage.id === o.stageId) {
            if (stage.kind === 'lost' && dto.lostReason) o.lostReason = dto.lostReason;
            return [];
          }
          return this.enterStage(m, actor, o, stage, dto.lostReason);
        },
        m,
        'move',
      );
      return (await this.toResponses(actor, [o], m))[0];
    });
  }

  /**
   * An accepted quote wins its opportunity: a still-open opportunity moves to its pipeline's won stage
   * (stage history and audit as a move by the actor), in the caller's transaction. Answers whether it
   * moved; an opportunity already won or lost, one the actor cannot read any more, or a pipeline without
   * a won stage stay as they are.
   */
  async winInTx(actor: AuthUser, id: string, m: EntityManager): Promise<boolean> {
    let moved = false;
    try {
      await this.records.store.update(
        actor,
        id,
        undefined,
        async (o) => {
          const current = (await this.pipelines.stagesByIds([o.stageId], m)).get(o.stageId);
          if (current?.kind !== 'open') return [];
          const won = (await this.pipelines.stagesOf(m, o.pipelineId)).find((s) => s.kind === 'won');
          if (!won) return [];
          moved = true;
          return this.enterStage(m, actor, o, won, undefined);
        },
        m,
        'move',
      );
    } catch (err) {
      if (!(err instanceof DomainError && err.status === 404)) throw err;
    }
    return moved;
  }

  /** Every stage move of an opportunity the actor may read, newest first. */
  async stageHistory(actor: AuthUser, id: string): Promise<StageHistoryResponse> {
    await this.records.findReadable(actor, id);
    const rows = await this.ds.getRepository(OpportunityStageMove).find({ where: { opportunityId: id }, order: { movedAt: 'DESC', id: 'DESC' } });
    const stages = await this.pipelines.stagesByIds(rows.flatMap((r) => [r.fromStageId, r.toStageId]));
    const users = await this.users.namesByIds(rows.map((r) => r.movedBy));
    return {
      data: rows.map((r) => ({
        id: r.id,
        fromStageId: r.fromStageId,
        fromStageNameZh: r.fromStageId ? (stages.get(r.fromStageId)?.nameZh ?? null) : null,
        fromStageNameEn: r.fromStageId ? (stages.get(r.fromStageId)?.nameEn ?? null) : null,
        toStageId: r.toStageId,
        toStageNameZh: stages.get(r.toStageId)?.nameZh ?? null,
        toStageNameEn: stages.get(r.toStageId)?.nameEn ?? null,
        movedAt: r.movedAt,
        movedBy: r.movedBy,
        movedByName: r.movedBy ? (users.get(r.movedBy) ?? null) : null,
        secondsInFrom: r.secondsInFrom,
      })),
    };
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<OpportunityResponse> {
    return this.records.restore(actor, id);
  }

  /** Live records by list filters, oldest first, for demo seeders. */
  demoSample(m: EntityManager, opts: Parameters<RecordService<Opportunity, unknown>['sample']>[1]): Promise<Opportunity[]> {
    return this.records.sample(m, opts);
  }

  /**
   * Opportunities, won ones and won amounts per currency of each campaign, over every live opportunity
   * (no data scope: a campaign's stats are aggregates for readers of the campaign, see the README).
   * One index-only pass over `ix_opportunities_campaign_stats`.
   */
  async campaignTotals(campaignIds: string[], m: EntityManager = this.ds.manager): Promise<Map<string, CampaignOpportunityTotals>> {
    const out = new Map<string, CampaignOpportunityTotals>();
    if (!campaignIds.length) return out;
    const rows: { campaign_id: string; currency: string; n: number; won: number; won_amount: string }[] = await m.query(
      `SELECT campaign_id, currency, count(*)::int AS n, count(won_at)::int AS won,
              coalesce(sum(amount) FILTER (WHERE won_at IS NOT NULL), 0)::numeric(18,2)::text AS won_amount
         FROM opportunities WHERE campaign_id = ANY($1::uuid[]) AND deleted_at IS NULL
        GROUP BY campaign_id, currency ORDER BY campaign_id, currency`,
      [campaignIds],
    );
    for (const r of rows) {
      const t = out.get(r.campaign_id) ?? { opportunities: 0, won: 0, wonAmounts: [] };
      t.opportunities += r.n;
      t.won += r.won;
      if (r.won) t.wonAmounts.push({ currency: r.currency, amount: r.won_amount });
      out.set(r.campaign_id, t);
    }
    return out;
  }

  /** Demo data only: links opportunities to a campaign. */
  async demoLinkCampaign(m: EntityManager, campaignId: string, ids: string[]): Promise<void> {
    if (ids.length) await m.getRepository(Opportunity).update(ids, { campaignId });
  }

  // ---- rules ----

  private async assertCampaign(m: EntityManager, campaignId: string): Promise<void> {
    if (!(await this.refs.exists('campaign', campaignId, m))) {
      throw badRequest(OpportunityErrorCode.OPPORTUNITY_UNKNOWN_CAMPAIGN, 'campaignId', 'campaignId is not a campaign');
    }
  }

  /** The stage a new opportunity starts in: the given one (of the given pipeline), else the pipeline's first. */
  private async resolveStage(m: EntityManager, pipelineId?: string, stageId?: string): Promise<PipelineStage> {
    if (stageId) {
      const stage = await this.pipelines.stageForInput(m, stageId);
      if (pipelineId && stage.pipelineId !== pipelineId) throw this.notInPipeline();
      return stage;
    }
    const pipeline = pipelineId ? await this.pipelines.pipelineForInput(m, pipelineId) : await this.pipelines.defaultPipeline(m);
    return this.pipelines.firstStage(m, pipeline.id);
  }

  /** Sets the stage and what follows from it (probability, won / lost dates, lost reason) and records the move. */
  private async enterStage(m: EntityManager, actor: AuthUser, o: Opportunity, stage: PipelineStage, lostReason: string | undefined): Promise<FieldChange[]> {
    const reason = this.lostReasonFor(stage, lostReason);
    const now = new Date();
    const seconds = secondsBetween(o.stageEnteredAt, now);
    const fromStageId = o.stageId;
    o.stageId = stage.id;
    o.stageEnteredAt = now;
    if (!o.probabilityOverridden) o.probability = stage.probability;
    o.wonAt = stage.kind === 'won' ? now : null;
    o.lostAt = stage.kind === 'lost' ? now : null;
    o.lostReason = reason;
    await this.recordMove(m, actor, o.id, fromStageId, stage.id, now, seconds);
    // the audited `stageId` change is named by the pipelines' registered stage names
    return [];
  }

  /** A lost stage needs a reason (400 on `lostReason`); other stages keep none. */
  private lostReasonFor(stage: PipelineStage, lostReason: string | null | undefined): string | null {
    if (stage.kind !== 'lost') return null;
    if (!lostReason?.trim()) {
      throw badRequest(OpportunityErrorCode.OPPORTUNITY_LOST_REASON_REQUIRED, 'lostReason', 'lostReason is required when moving to a lost stage');
    }
    return lostReason.trim();
  }

  private notInPipeline(): DomainError {
    return badRequest(OpportunityErrorCode.OPPORTUNITY_STAGE_NOT_IN_PIPELINE, 'stageId', "stageId is not a stage of the opportunity's pipeline");
  }

  private async recordMove(m: EntityManager, actor: AuthUser | null, opportunityId: string, from: string | null, to: string, at: Date, seconds: number | null): Promise<void> {
    const repo = m.getRepository(OpportunityStageMove);
    await repo.insert(repo.create({ opportunityId, fromStageId: from, toStageId: to, movedAt: at, movedBy: actor?.id ?? null, secondsInFrom: seconds }));
    // the set of stages entered, kept with the history in the same transaction (the funnel reads it)
    await m.query(`UPDATE opportunities SET reached_stage_ids = array_append(reached_stage_ids, $2::uuid) WHERE id = $1 AND NOT ($2::uuid = ANY (reached_stage_ids))`, [
      opportunityId,
      to,
    ]);
  }

  private async assertAccount(m: EntityManager, actor: AuthUser, accountId: string): Promise<void> {
    const visible = await this.accounts.readable(actor, [accountId], m);
    if (!visible.has(accountId)) {
      throw badRequest(OpportunityErrorCode.OPPORTUNITY_UNKNOWN_ACCOUNT, 'accountId', 'accountId is not an account you can read');
    }
  }

  private async assertContact(m: EntityManager, actor: AuthUser, contactId: string, accountId: string): Promise<void> {
    const contact = await this.contacts.getVisible(actor, contactId, m).catch(() => null);
    if (!contact || contact.accountId !== accountId) {
      throw badRequest(OpportunityErrorCode.OPPORTUNITY_UNKNOWN_CONTACT, 'contactId', 'contactId is not a contact of the account that you can read');
    }
  }
}
