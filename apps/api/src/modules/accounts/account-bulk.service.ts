import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { bulkHandlers, runBulk } from '@core/records/bulk';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import { LIFECYCLE_STAGES } from '@keyuan/shared';
import { PoolOwnershipService } from '@modules/pools/pool-ownership.service';
import { AccountRecords } from './account-records';
import { AccountsService } from './accounts.service';

/** Bulk actions on accounts (status: the lifecycle stage), each record through its single-record call. */
@Injectable()
export class AccountBulkService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly ownership: PoolOwnershipService,
    private readonly records: AccountRecords,
  ) {}

  run(user: AuthUser, dto: BulkActionDto): Promise<BulkResponseDto> {
    return runBulk(user, 'accounts', bulkHandlers({
      assign: (id, ownerId, reason) => this.ownership.assign(user, 'account', id, { ownerId, reason }),
      moveToPool: (id, reason, poolId) => this.ownership.release(user, 'account', id, { reason, poolId }),
      changeStatus: { values: LIFECYCLE_STAGES, run: (id, stage, v) => this.accounts.update(user, id, { lifecycleStage: stage as never }, v) },
      addTag: (id, tag, v) => this.records.addTags(user, id, [tag], v),
      delete: (id, v) => this.accounts.remove(user, id, v),
    }), dto);
  }
}
