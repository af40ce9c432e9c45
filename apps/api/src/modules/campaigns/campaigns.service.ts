import { Injectable } from '@nestjs/common';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { rejectNulls } from '@core/crud/record-rules';
import { CsvLocale } from '@core/http/csv-export';
import { badRequest } from '@core/http/domain-error';
import type { RecordService } from '@core/records/record.service';
import { UsersService } from '@modules/admin/users/users.service';
import { Campaign } from './campaign.entity';
import { CampaignRecords } from './campaign-records';
import { CampaignErrorCode } from './campaigns.errors';
import { CampaignSegments } from './campaign-segments';
import { CampaignStatsService } from './campaign-stats.service';
import {
  CampaignDetailResponse,
  CampaignPage,
  CampaignResponse,
  CampaignSegmentResponse,
  CampaignStatsResponse,
  CreateCampaignDto,
  ExportCampaignsDto,
  QueryCampaignsDto,
  SegmentQueryDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';

/** Fields a PATCH may not set to null. */
const REQUIRED_FIELDS = ['name', 'type', 'status', 'startDate', 'currency', 'ownerId'];

/**
 * Campaigns (市场活动): create and update rules (dates in order, owner in scope, a segment whose filter
 * the target list accepts); the record life is CampaignRecords', the stats CampaignStatsService's and the
 * live segment CampaignSegments'.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: CampaignRecords,
    private readonly currencies: CurrenciesService,
    private readonly users: UsersService,
    private readonly stats: CampaignStatsService,
    private readonly segments: CampaignSegments,
  ) {}

  list(actor: AuthUser, query: QueryCampaignsDto): Promise<CampaignPage> {
    return this.records.list(actor, query);
  }

  exportCsv(actor: AuthUser, query: ExportCampaignsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, query, res, locale);
  }

  /** The campaign with its stats. */
  async get(actor: AuthUser, id: string): Promise<CampaignDetailResponse> {
    const c = await this.records.findReadable(actor, id);
    const [response] = await this.records.toResponses(actor, [c]);
    return { ...response, stats: await this.stats.of(c) };
  }

  /** The campaign if the actor may read it; 404 otherwise (also for deleted ones). */
  getVisible(actor: AuthUser, id: string, m?: EntityManager): Promise<Campaign> {
    return this.records.find(actor, id, m);
  }

  async statsOf(actor: AuthUser, id: string): Promise<CampaignStatsResponse> {
    return this.stats.of(await this.records.findReadable(actor, id));
  }

  async segment(actor: AuthUser, id: string, query: SegmentQueryDto): Promise<CampaignSegmentResponse> {
    return this.segments.live(actor, await this.records.findReadable(actor, id), query);
  }

  async create(actor: AuthUser, dto: CreateCampaignDto): Promise<CampaignResponse> {
    this.checkDates(dto.startDate, dto.endDate ?? null);
    if (dto.targetSegment) await this.segments.check(actor, dto.targetSegment);
    return this.ds.transaction(async (m) => {
      await this.currencies.assertEnabled(dto.currency ?? 'CNY', 'currency', m);
      const owner = await this.users.resolveOwner(m, actor, 'campaigns', dto.ownerId);
      const c = await this.records.store.create(
        actor,
        {
          name: dto.name,
          type: dto.type,
          status: dto.status ?? 'planned',
          startDate: dto.startDate,
          endDate: dto.endDate ?? null,
          budget: dto.budget ?? null,
          actualCost: dto.actualCost ?? null,
          expectedRevenue: dto.expectedRevenue ?? null,
          currency: dto.currency ?? 'CNY',
          description: dto.description ?? null,
          targetSegment: dto.targetSegment ? { target: dto.targetSegment.target, filter: dto.targetSegment.filter } : null,
          ownerId: owner.ownerId,
          departmentId: owner.departmentId,
        },
        m,
      );
      // numeric comes back normalised ("60000.00") when read again
      return (await this.records.toResponses(actor, [await this.records.find(null, c.id, m)], m))[0];
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateCampaignDto, ifMatch?: number): Promise<CampaignResponse> {
    rejectNulls(dto, REQUIRED_FIELDS);
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdateCampaignDto;
    const { version, ownerId, targetSegment, ...fields } = given;
    if (targetSegment) await this.segments.check(actor, targetSegment);
    return this.ds.transaction(async (m) => {
      await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (c) => {
          if (fields.currency && fields.currency !== c.currency) await this.currencies.assertEnabled(fields.currency, 'currency', m);
          this.checkDates(fields.startDate ?? c.startDate, fields.endDate === undefined ? c.endDate : fields.endDate);
          if (ownerId && ownerId !== c.ownerId) {
            const owner = await this.users.resolveOwner(m, actor, 'campaigns', ownerId);
            c.ownerId = owner.ownerId;
            c.departmentId = owner.departmentId;
          }
          Object.assign(c, fields);
          if (targetSegment !== undefined) c.targetSegment = targetSegment ? { target: targetSegment.target, filter: targetSegment.filter } : null;
        },
        m,
      );
      return (await this.records.toResponses(actor, [await this.records.find(null, id, m)], m))[0];
    });
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<CampaignResponse> {
    return this.records.restore(actor, id);
  }

  /** Live campaigns by list filters, oldest first, for demo seeders. */
  demoSample(m: EntityManager, opts: Parameters<RecordService<Campaign, unknown>['sample']>[1]): Promise<Campaign[]> {
    return this.records.sample(m, opts);
  }

  private checkDates(start: string | undefined, end: string | null): void {
    if (start && end && end < start) {
      throw badRequest(CampaignErrorCode.CAMPAIGN_END_BEFORE_START, 'endDate', 'endDate cannot be before startDate', { params: { startDate: start } });
    }
  }
}
