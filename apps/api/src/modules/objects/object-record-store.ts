import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore, RecordStoreOptions } from '@core/crud/record-store';
import { CustomRecord } from './custom-record.entity';

/**
 * The generic record life (scoped reads, 412, audit, events) for one custom module's rows of the shared
 * `custom_records` table: every query of the store is narrowed to the module (its id, a uuid from the
 * database, as a literal so the planner matches the module's partial indexes).
 */
export class ObjectRecordStore extends RecordStore<CustomRecord> {
  constructor(
    ds: DataSource,
    audit: AuditService,
    readonly objectId: string,
    opts: RecordStoreOptions,
  ) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(objectId)) throw new Error('custom module id is not a uuid');
    super(ds, audit, CustomRecord, opts);
  }

  override query(user: AuthUser | null, manager?: EntityManager, withDeleted = false): SelectQueryBuilder<CustomRecord> {
    return super.query(user, manager, withDeleted).andWhere(`${this.opts.alias}.object_id = '${this.objectId}'`);
  }
}
