import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, DomainError } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { PoolsService } from '@modules/pools/pools.service';
import { LeadsService } from '../leads.service';
import { LeadErrorCode } from '../leads.errors';
import type { LeadSource } from '../lead.entity';
import { LeadAssignmentRulesService } from '../rules/lead-assignment-rules.service';
import { LeadForm } from './lead-form.entity';
import {
  CreateLeadFormDto,
  LeadFormResponse,
  LeadFormWithKeyResponse,
  PublicLeadDto,
  QueryLeadFormsDto,
  UpdateLeadFormDto,
} from './lead-form.dto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const LIST_SPEC: ListSpec = {
  idColumn: 'f.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'f.created_at', value: (f: LeadForm) => f.createdAt },
    name: { column: 'f.name', value: (f: LeadForm) => f.name },
  },
  search: ['f.name'],
};

const toFormResponse = (f: LeadForm): LeadFormResponse => ({
  id: f.id,
  name: f.name,
  keyPrefix: f.keyPrefix,
  poolId: f.poolId,
  source: f.source,
  campaignId: f.campaignId,
  active: f.active,
  version: f.version,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});

/** Web-to-lead: forms with their keys, and the public submission that routes new leads. */
@Injectable()
export class LeadFormsService {
  private readonly store: RecordStore<LeadForm>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly leads: LeadsService,
    private readonly rules: LeadAssignmentRulesService,
    private readonly pools: PoolsService,
    private readonly notifications: NotificationsService,
  ) {
    this.store = new RecordStore(ds, audit, LeadForm, { entityType: 'lead_form', module: 'settings', alias: 'f' });
  }

  async list(actor: AuthUser, query: QueryLeadFormsDto): Promise<Page<LeadFormResponse>> {
    const page = await this.store.list(actor, query, LIST_SPEC);
    return { ...page, data: page.data.map(toFormResponse) };
  }

  async get(actor: AuthUser, id: string): Promise<LeadFormResponse> {
    return toFormResponse(await this.store.get(actor, id));
  }

  async create(actor: AuthUser, dto: CreateLeadFormDto): Promise<LeadFormWithKeyResponse> {
    const key = `lf_${randomBytes(24).toString('base64url')}`;
    return this.ds.transaction(async (m) => {
      if (dto.poolId) await this.pools.resolveReleasePool(m, dto.poolId, null, actor);
      await this.leads.assertCampaign(m, dto.campaignId);
      const form = await this.store.create(
        actor,
        {
          name: dto.name,
          keyHash: sha256(key),
          keyPrefix: key.slice(0, 7),
          poolId: dto.poolId ?? null,
          source: dto.source ?? 'web',
          campaignId: dto.campaignId ?? null,
          active: dto.active ?? true,
        },
        m,
      );
      return { ...toFormResponse(form), key };
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateLeadFormDto, ifMatch?: number): Promise<LeadFormResponse> {
    const { version, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      if (fields.poolId) await this.pools.resolveReleasePool(m, fields.poolId, null, actor);
      return toFormResponse(
        await this.store.update(
          actor,
          id,
          ifMatch ?? version,
          async (f) => {
            if (fields.campaignId !== undefined && fields.campaignId !== f.campaignId) await this.leads.assertCampaign(m, fields.campaignId);
            Object.assign(f, fields);
          },
          m,
        ),
      );
    });
  }

  /** A new key for the form; the old one stops working at once. */
  async rotateKey(actor: AuthUser, id: string): Promise<LeadFormWithKeyResponse> {
    const key = `lf_${randomBytes(24).toString('base64url')}`;
    const form = await this.store.update(actor, id, undefined, (f) => {
      f.keyHash = sha256(key);
      f.keyPrefix = key.slice(0, 7);
    });
    return { ...toFormResponse(form), key };
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.store.softDelete(actor, id, ifMatch);
  }

  /**
   * A website submission: the key must match an active form (401 otherwise); a filled honeypot is
   * dropped silently. The lead goes through the assignment rules, else into the form's pool.
   */
  async submit(formKey: string | undefined, dto: PublicLeadDto): Promise<void> {
    const form = formKey ? await this.ds.getRepository(LeadForm).findOne({ where: { keyHash: sha256(formKey), active: true } }) : null;
    if (!form) throw new DomainError(LeadErrorCode.LEAD_FORM_KEY_INVALID, HttpStatus.UNAUTHORIZED, 'Missing or invalid X-Form-Key');
    if (dto.website) return;
    if (!dto.phone && !dto.email) throw badRequest('LEAD_CONTACT_REQUIRED', 'phone', 'phone or email is required');
    await this.ds.transaction(async (m) => {
      const source = form.source as LeadSource;
      const route = await this.rules.route(m, { source, province: dto.province ?? null, city: dto.city ?? null });
      let poolId: string | null = form.poolId;
      let departmentId: string | null = route?.departmentId ?? null;
      if (!route) {
        const pool = await this.pools.resolveReleasePool(m, form.poolId, null).catch(() => null);
        poolId = pool?.id ?? null;
        departmentId = pool?.departmentId ?? null;
      }
      const lead = await this.leads.createInTx(
        m,
        null,
        { name: dto.name, company: dto.company, title: dto.title, phone: dto.phone, email: dto.email, province: dto.province, city: dto.city, notes: dto.message, source, campaignId: form.campaignId },
        { ownerId: route?.userId ?? null, departmentId, poolId, formId: form.id, allowDuplicate: true },
      );
      if (route) {
        await this.notifications.notify(m, [route.userId], {
          kind: 'lead.fromForm',
          params: { name: lead.name, form: form.name },
          entityType: 'lead',
          entityId: lead.id,
        });
      }
    });
  }
}
