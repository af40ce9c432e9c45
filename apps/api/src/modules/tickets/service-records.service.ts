import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ProductsService } from '@modules/products/products.service';
import { CreateServiceRecordDto, QueryServiceRecordsDto, ServiceRecordResponse, UpdateServiceRecordDto } from './dto/service.dto';
import { ServiceRecord } from './service-record.entity';
import { TicketClock } from './ticket-clock';
import { underWarranty } from './ticket-sla';
import { TicketErrorCode } from './tickets.errors';

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

/** Warranty records (保修): units by serial number, warranty end, service history; tickets reference them. */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: ServiceRecordRecords,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly products: ProductsService,
  ) {}

  list(actor: AuthUser, query: QueryServiceRecordsDto): Promise<Page<ServiceRecordResponse>> {
    const { underWarranty: covered, ...rest } = query;
    const qb = this.records.store.query(actor);
    if (covered !== undefined) qb.andWhere(covered ? 'sr.warranty_end >= :__today' : 'sr.warranty_end < :__today', { __today: this.records.today() });
    return this.records.list(actor, { ...rest, q: rest.q?.trim().toLowerCase() || undefined }, qb);
  }

  get(actor: AuthUser, id: string): Promise<ServiceRecordResponse> {
    return this.records.get(actor, id);
  }

  async create(actor: AuthUser, dto: CreateServiceRecordDto): Promise<ServiceRecordResponse> {
    const saved = await this.unique(() =>
      this.ds.transaction(async (m) => {
        const productName = await this.assertLinks(m, dto);
        this.assertDates(dto.purchaseDate ?? null, dto.warrantyEnd ?? null);
        const owner = await this.users.resolveOwner(m, actor, 'tickets', undefined);
        return this.records.store.create(
          actor,
          {
            name: dto.serialNumber,
            accountId: dto.accountId,
            productId: dto.productId ?? null,
            productName: dto.productName ?? productName,
            purchaseDate: dto.purchaseDate ?? null,
            warrantyEnd: dto.warrantyEnd ?? null,
            history: dto.history ?? [],
            notes: dto.notes ?? null,
            ownerId: owner.ownerId,
            departmentId: owner.departmentId,
          },
          m,
        );
      }),
    );
    return this.records.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateServiceRecordDto, ifMatch?: number): Promise<ServiceRecordResponse> {
    const { version, serialNumber, ...fields } = dto;
    if (fields.accountId === null) throw badRequest('VALIDATION_FAILED', 'accountId', 'accountId cannot be empty');
    await this.unique(() =>
      this.ds.transaction((m) =>
        this.records.store.update(
          actor,
          id,
          ifMatch ?? version,
          async (r) => {
            const productName = await this.assertLinks(m, fields);
            Object.assign(r, fields);
            if (fields.productId && !fields.productName) r.productName = productName;
            if (serialNumber) r.name = serialNumber;
            this.assertDates(r.purchaseDate, r.warrantyEnd);
          },
          m,
        ),
      ),
    );
    return this.records.get(actor, id);
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.records.remove(actor, id, ifMatch);
  }

  private assertDates(purchase: string | null, end: string | null): void {
    if (purchase && end && end < purchase) throw badRequest(TicketErrorCode.SERVICE_RECORD_DATES_ORDER, 'warrantyEnd', 'warrantyEnd must be on or after purchaseDate');
  }

  /** Checks the account and product; answers the product's name. */
  private async assertLinks(m: EntityManager, dto: Partial<Pick<CreateServiceRecordDto, 'accountId' | 'productId'>>): Promise<string | null> {
    if (dto.accountId && !(await this.accounts.namesByIds([dto.accountId], m)).size) throw badRequest(TicketErrorCode.TICKET_UNKNOWN_ACCOUNT, 'accountId', 'accountId is not an account');
    if (!dto.productId) return null;
    const product = await this.products.getInTx(null as never, dto.productId, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw badRequest(TicketErrorCode.TICKET_UNKNOWN_PRODUCT, 'productId', 'productId is not a product');
      throw e;
    });
    return product.name;
  }

  private async unique<X>(fn: () => Promise<X>): Promise<X> {
    return fn().catch((e: unknown) => {
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'uq_service_records_serial') {
        throw conflict(TicketErrorCode.SERVICE_RECORD_SERIAL_TAKEN, 'A warranty record with this serial number exists', [{ field: 'serialNumber', message: 'already exists' }]);
      }
      throw e;
    });
  }
}
