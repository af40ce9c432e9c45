import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { OPPORTUNITY_SOURCES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import type { AuthUser } from '@core/auth/auth-user';
import { ListSpec } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { UsersService } from '@modules/admin/users/users.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { RecordRefs } from '@core/records/record-refs';
import { Opportunity } from './opportunity.entity';
import { monthRange, weightedAmount } from './opportunity-rules';
import { PipelinesService } from './pipelines.service';
import { OPPORTUNITY_FIELDS } from './dto/opportunity-fields';
import { OpportunityResponse } from './dto/opportunity.dto';

export const OPPORTUNITY_LIST_SPEC: ListSpec = {
  idColumn: 'o.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'o.created_at', value: (o: Opportunity) => o.createdAt },
    updatedAt: { column: 'o.updated_at', value: (o: Opportunity) => o.updatedAt },
    name: { column: 'o.name', value: (o: Opportunity) => o.name },
    amount: { column: 'o.amount', value: (o: Opportunity) => o.amount },
    expectedCloseDate: { column: 'o.expected_close_date', value: (o: Opportunity) => o.expectedCloseDate },
  },
  search: ['o.name'],
  bigramColumn: 'o.search_bigrams',
  filters: {
    pipelineId: 'o.pipeline_id',
    stageId: 'o.stage_id',
    ownerId: 'o.owner_id',
    departmentId: 'o.department_id',
    accountId: 'o.account_id',
    contactId: 'o.contact_id',
    campaignId: 'o.campaign_id',
    currency: 'o.currency',
    source: 'o.source',
  },
  ranges: { createdAt: 'o.created_at', expectedCloseDate: 'o.expected_close_date', amount: 'o.amount' },
  fields: {
    name: { type: 'text', column: 'o.name' },
    pipelineId: { type: 'uuid', column: 'o.pipeline_id' },
    stageId: { type: 'uuid', column: 'o.stage_id' },
    accountId: { type: 'uuid', column: 'o.account_id' },
    contactId: { type: 'uuid', column: 'o.contact_id' },
    campaignId: { type: 'uuid', column: 'o.campaign_id' },
    ownerId: { type: 'uuid', column: 'o.owner_id' },
    departmentId: { type: 'uuid', column: 'o.department_id' },
    amount: { type: 'number', column: 'o.amount' },
    probability: { type: 'number', column: 'o.probability' },
    source: { type: 'enum', column: 'o.source', options: OPPORTUNITY_SOURCES },
    competitors: { type: 'tags', column: 'o.competitors' },
    expectedCloseDate: { type: 'date', column: 'o.expected_close_date' },
    createdAt: { type: 'date', column: 'o.created_at' },
    updatedAt: { type: 'date', column: 'o.updated_at' },
  },
};

export const OPPORTUNITY_KIND: RecordKind<Opportunity, OpportunityResponse> = {
  type: 'opportunity',
  entity: Opportunity,
  module: 'opportunities',
  alias: 'o',
  scope: { owner: 'o.owner_id', department: 'o.department_id' },
  list: OPPORTUNITY_LIST_SPEC,
  visibleSearch: 'o.name',
  csv: { name: 'opportunities', fields: OPPORTUNITY_FIELDS },
  sensitive: [],
  displayName: (o) => o.name,
  mergeFill: [],
  pooled: false,
};

/** The record machinery for opportunities: names for responses, the close-month and stage-kind filters. */
@Injectable()
export class OpportunityRecords extends RecordService<Opportunity, OpportunityResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly pipelines: PipelinesService,
    private readonly refs: RecordRefs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(ds, audit, OPPORTUNITY_KIND, NO_CONTACT_INDEX, custom);
  }

  protected async mapResponses(_actor: AuthUser | null, rows: Opportunity[], m: EntityManager = this.ds.manager): Promise<Omit<OpportunityResponse, 'actions'>[]> {
    const owners = await this.users.namesByIds(rows.map((o) => o.ownerId), m);
    const accounts = await this.accounts.namesByIds(rows.map((o) => o.accountId), m);
    const contacts = await this.contacts.namesByIds(rows.map((o) => o.contactId), m);
    const stages = await this.pipelines.stagesByIds(rows.map((o) => o.stageId), m);
    const campaigns = await this.refs.names('campaign', rows.map((o) => o.campaignId), m);
    return rows.map((o) => {
      const s = stages.get(o.stageId);
      return {
        id: o.id,
        name: o.name,
        accountId: o.accountId,
        accountName: accounts.get(o.accountId) ?? null,
        contactId: o.contactId,
        contactName: o.contactId ? (contacts.get(o.contactId) ?? null) : null,
        pipelineId: o.pipelineId,
        stageId: o.stageId,
        stageNameZh: s?.nameZh ?? null,
        stageNameEn: s?.nameEn ?? null,
        stageKind: s?.kind ?? 'open',
        forecastCategory: s?.forecastCategory ?? 'pipeline',
        amount: o.amount,
        currency: o.currency,
        hasLines: o.hasLines,
        probability: o.probability,
        stageProbability: s?.probability ?? o.probability,
        probabilityOverridden: o.probabilityOverridden,
        weightedAmount: weightedAmount(o.amount, o.probability),
        expectedCloseDate: o.expectedCloseDate,
        ownerId: o.ownerId,
        ownerName: o.ownerId ? (owners.get(o.ownerId) ?? null) : null,
        departmentId: o.departmentId,
        source: o.source,
        competitors: o.competitors ?? [],
        nextStep: o.nextStep,
        lostReason: o.lostReason,
        wonAt: o.wonAt,
        lostAt: o.lostAt,
        stageEnteredAt: o.stageEnteredAt,
        leadId: o.leadId,
        campaignId: o.campaignId,
        campaignName: o.campaignId ? (campaigns.get(o.campaignId) ?? null) : null,
        version: o.version,
        createdAt: o.createdAt,
        updatedAt: o.updatedAt,
      };
    });
  }

  /** Opportunities are not merged (no merge endpoint) and have nothing masked to reveal. */
  protected kindActions(_actor: AuthUser, _o: Opportunity, actions: RecordAction[]): RecordAction[] {
    return actions.filter((a) => a !== 'merge' && a !== 'reveal');
  }

  /** `closeMonth` (a month of expected close dates), `wonMonth` (won in that month, local time) and `stageKind` (open / won / lost). */
  protected listQuery(qb: SelectQueryBuilder<Opportunity>, query: Record<string, unknown>): void {
    if (typeof query.closeMonth === 'string') {
      const { from, to } = monthRange(query.closeMonth);
      qb.andWhere('o.expected_close_date BETWEEN :__cm_from AND :__cm_to', { __cm_from: from, __cm_to: to });
    }
    if (typeof query.wonMonth === 'string') {
      // the month in the configured time zone, as the revenue figures count it (an index on won_at serves it)
      const { from, to } = monthRange(query.wonMonth);
      qb.andWhere('o.won_at >= (:__wm_from::date)::timestamp AT TIME ZONE :__wm_tz AND o.won_at < (:__wm_to::date + 1)::timestamp AT TIME ZONE :__wm_tz', {
        __wm_from: from,
        __wm_to: to,
        __wm_tz: this.config.timezone,
      });
    }
    if (typeof query.stageKind === 'string') {
      qb.andWhere('o.stage_id IN (SELECT s.id FROM pipeline_stages s WHERE s.kind = :__sk)', { __sk: query.stageKind });
    }
  }

  /** Base list query with the filters of the list applied (the board's totals use the same). */
  filtered(actor: AuthUser, query: Record<string, unknown>): SelectQueryBuilder<Opportunity> {
    const qb = this.store.query(actor);
    this.listQuery(qb, query);
    return qb;
  }
}
