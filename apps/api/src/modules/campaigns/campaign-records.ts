import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { ListSpec } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordRefs } from '@core/records/record-refs';
import { RecordService } from '@core/records/record.service';
import { UsersService } from '@modules/admin/users/users.service';
import { Campaign } from './campaign.entity';
import { CAMPAIGN_FIELDS } from './dto/campaign-fields';
import { CampaignResponse } from './dto/campaign.dto';

export const CAMPAIGN_LIST_SPEC: ListSpec = {
  idColumn: 'c.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'c.created_at', value: (c: Campaign) => c.createdAt },
    updatedAt: { column: 'c.updated_at', value: (c: Campaign) => c.updatedAt },
    name: { column: 'c.name', value: (c: Campaign) => c.name },
    startDate: { column: 'c.start_date', value: (c: Campaign) => c.startDate },
  },
  search: ['c.name'],
  bigramColumn: 'c.search_bigrams',
  filters: {
    type: 'c.type',
    status: 'c.status',
    ownerId: 'c.owner_id',
    departmentId: 'c.department_id',
  },
  ranges: { startDate: 'c.start_date', createdAt: 'c.created_at' },
  fields: {
    name: { type: 'text', column: 'c.name' },
    type: { type: 'enum', column: 'c.type', options: CAMPAIGN_TYPES },
    status: { type: 'enum', column: 'c.status', options: CAMPAIGN_STATUSES },
    ownerId: { type: 'uuid', column: 'c.owner_id' },
    departmentId: { type: 'uuid', column: 'c.department_id' },
    budget: { type: 'number', column: 'c.budget' },
    actualCost: { type: 'number', column: 'c.actual_cost' },
    startDate: { type: 'date', column: 'c.start_date' },
    endDate: { type: 'date', column: 'c.end_date' },
    createdAt: { type: 'date', column: 'c.created_at' },
  },
};

export const CAMPAIGN_KIND: RecordKind<Campaign, CampaignResponse> = {
  type: 'campaign',
  entity: Campaign,
  module: 'campaigns',
  alias: 'c',
  scope: { owner: 'c.owner_id', department: 'c.department_id' },
  list: CAMPAIGN_LIST_SPEC,
  visibleSearch: 'c.name',
  csv: { name: 'campaigns', fields: CAMPAIGN_FIELDS },
  sensitive: [],
  displayName: (c) => c.name,
  mergeFill: [],
  pooled: false,
};

/**
 * The record machinery for campaigns; it also answers core's RecordRefs for `campaign` links, so leads
 * and opportunities check and name their campaign without importing this module (which reads them).
 */
@Injectable()
export class CampaignRecords extends RecordService<Campaign, CampaignResponse> implements OnModuleInit {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    private readonly users: UsersService,
    private readonly refs: RecordRefs,
  ) {
    super(ds, audit, CAMPAIGN_KIND, NO_CONTACT_INDEX);
  }

  onModuleInit(): void {
    this.refs.register('campaign', {
      live: async (ids, m = this.ds.manager) => {
        const rows = await this.store.query(null, m).select('c.id', 'id').andWhere('c.id IN (:...__ids)', { __ids: ids }).getRawMany<{ id: string }>();
        return new Set(rows.map((r) => r.id));
      },
      names: (ids, m) => this.namesByIds(ids, m),
    });
  }

  protected async mapResponses(_actor: AuthUser | null, rows: Campaign[], m: EntityManager = this.ds.manager): Promise<Omit<CampaignResponse, 'actions'>[]> {
    const owners = await this.users.namesByIds(rows.map((c) => c.ownerId), m);
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      status: c.status,
      startDate: c.startDate,
      endDate: c.endDate,
      budget: c.budget,
      actualCost: c.actualCost,
      expectedRevenue: c.expectedRevenue,
      currency: c.currency,
      description: c.description,
      targetSegment: c.targetSegment,
      ownerId: c.ownerId,
      ownerName: c.ownerId ? (owners.get(c.ownerId) ?? null) : null,
      departmentId: c.departmentId,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
  }

  /** Campaigns are not merged and have nothing masked. */
  protected kindActions(_actor: AuthUser, _c: Campaign, actions: RecordAction[]): RecordAction[] {
    return actions.filter((a) => a !== 'merge' && a !== 'reveal');
  }
}
