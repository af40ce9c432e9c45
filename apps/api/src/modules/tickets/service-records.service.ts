import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, conflict } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { CreateServiceRecordDto, QueryServiceRecordsDto, ServiceRecordResponse, UpdateServiceRecordDto } from './dto/service.dto';
import { ServiceLinks } from './service-links';
import { ServiceRecordRecords } from './service-record-records';
import { TicketErrorCode } from './tickets.errors';

/** Warranty records (保修): units by serial number, warranty end, service history; tickets reference them. */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: ServiceRecordRecords,
    private readonly users: UsersService,
    private readonly links: ServiceLinks,
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
        const { productName } = await this.links.assert(m, actor, { accountId: dto.accountId, productId: dto.productId });
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
            const { productName } = await this.links.assert(m, actor, { accountId: fields.accountId, productId: fields.productId });
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

  private async unique<X>(fn: () => Promise<X>): Promise<X> {
    return fn().catch((e: unknown) => {
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'uq_service_records_serial') {
        throw conflict(TicketErrorCode.SERVICE_RECORD_SERIAL_TAKEN, 'A warranty record with this serial number exists', [{ field: 'serialNumber', message: 'already exists' }]);
      }
      throw e;
    });
  }
}
