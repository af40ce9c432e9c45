import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { bulkHandlers, runBulk } from '@core/records/bulk';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import { LEAD_STATUSES } from '@keyuan/shared';
import { PoolOwnershipService } from '@modules/pools/pool-ownership.service';
import { LeadRecords } from './lead-records';
import { LeadsService } from './leads.service';

/** Bulk actions on leads: each record through the same call as its single-record endpoint. */
@Injectable()
export class LeadBulkService {
  constructor(
    private readonly leads: LeadsService,
    private readonly ownership: PoolOwnershipService,
    private readonly records: LeadRecords,
  ) {}

  run(user: AuthUser, dto: BulkActionDto): Promise<BulkResponseDto> {
    return runBulk(user, 'leads', bulkHandlers({
      assign: (id, ownerId, reason) => this.ownership.assign(user, 'lead', id, { ownerId, reason }),
      moveToPool: (id, reason, poolId) => this.ownership.release(user, 'lead', id, { reason, poolId }),
      changeStatus: { values: LEAD_STATUSES.filter((s) => s !== 'converted'), run: (id, status, v) => this.leads.update(user, id, { status: status as never }, v) },
      addTag: (id, tag, v) => this.records.addTags(user, id, [tag], v),
      delete: (id, v) => this.leads.remove(user, id, v),
    }), dto);
  }
}
