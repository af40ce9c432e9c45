import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { ListSpec } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ServiceRecordResponse } from './dto/service.dto';
import { ServiceRecord } from './service-record.entity';
import { TicketClock } from './ticket-clock';
import { underWarranty } from './ticket-sla';

const SPEC: ListSpec = {
  idColumn: 'sr.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'sr.created_at', value: (r: ServiceRecord) => r.createdAt },
    warrantyEnd: { column: 'sr.warranty_end', value: (r: ServiceRecord) => r.warrantyEnd },
  },
  search: ['sr.search_text'],
  filters: { accountId: 'sr.account_id', productId: 'sr.product_id' },
  ranges: { warrantyEnd: 'sr.warranty_end' },
};

@Injectable()
export class ServiceRecordRecords extends RecordService<ServiceRecord, ServiceRecordResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: TicketClock,
    private readonly accounts: AccountsService,
  ) {
    super(ds, audit, {
      type: 'service_record',
      entity: ServiceRecord,
      module: 'tickets',
      alias: 'sr',
      scope: { owner: 'sr.owner_id', department: 'sr.department_id' },
      list: SPEC,
      visibleSearch: 'sr.search_text',
      csv: {
        name: 'service-records',
        fields: [
          { key: 'serialNumber', zh: '序列号', en: 'Serial number', text: true },
          { key: 'productName', zh: '产品', en: 'Product' },
          { key: 'accountName', zh: '客户', en: 'Account' },
          { key: 'purchaseDate', zh: '购买日期', en: 'Purchase date' },
          { key: 'warrantyEnd', zh: '保修截止', en: 'Warranty end' },
        ],
      },
      sensitive: [],
      displayName: (r) => r.name,
      mergeFill: [],
      pooled: false,
    } as RecordKind<ServiceRecord, ServiceRecordResponse>, NO_CONTACT_INDEX);
  }

  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timezone }).format(this.clock.now());
  }

  protected async mapResponses(_actor: AuthUser | null, rows: ServiceRecord[], m: EntityManager = this.ds.manager): Promise<Omit<ServiceRecordResponse, 'actions'>[]> {
    const accounts = await this.accounts.namesByIds(rows.map((r) => r.accountId), m);
    const today = this.today();
    return rows.map((r) => ({
      id: r.id,
      serialNumber: r.name,
      accountId: r.accountId,
      accountName: accounts.get(r.accountId) ?? null,
      productId: r.productId,
      productName: r.productName,
      purchaseDate: r.purchaseDate,
      warrantyEnd: r.warrantyEnd,
      underWarranty: underWarranty(r.warrantyEnd, today),
      history: r.history,
      notes: r.notes,
      ownerId: r.ownerId,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }
}
