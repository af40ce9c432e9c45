import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { Page } from '@core/http/keyset';
import { OwnedRecords } from '@core/ownership/owned-records';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { PooledKindsService } from '@modules/pools/pooled-kinds.service';
import { PoolsService } from '@modules/pools/pools.service';
import { Account } from './account.entity';
import { AccountRecords } from './account-records';
import { AccountsService } from './accounts.service';
import { AccountResponse, QueryAccountsDto } from './dto/account.dto';

/** Accounts in pools: the ownership SQL over `accounts`, the dedupe index, and contacts following their account. */
@Injectable()
export class AccountPoolKind implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kinds: PooledKindsService,
    private readonly pools: PoolsService,
    private readonly accounts: AccountsService,
    private readonly records: AccountRecords,
    private readonly approvals: ApprovalsService,
  ) {}

  onModuleInit(): void {
    this.kinds.register<Account>({
      records: new OwnedRecords(this.ds, Account, { entityType: 'account', module: 'accounts', alias: 'a' }),
      assertMovable: (a, m) => this.approvals.assertNotPending('account', a.id, m),
      afterMove: async (m, moves) => {
        for (const { record, fromOwnerId } of moves) {
          await this.accounts.syncContactPoints(m, record);
          // the pools module already started or ended the claim
          await this.accounts.ownerChanged(m, record, fromOwnerId, true);
        }
      },
      toResponse: async (actor, account, m) => (await this.accounts.toResponses(actor, [account], m))[0],
    });
  }

  /** Ownerless accounts waiting in a pool the actor can browse (pool membership replaces the data scope). */
  async listPool(actor: AuthUser, poolId: string, query: QueryAccountsDto): Promise<Page<AccountResponse>> {
    await this.pools.assertCanBrowse(actor, poolId);
    return this.records.list(actor, query, this.records.store.query(null).andWhere('a.pool_id = :poolId AND a.owner_id IS NULL', { poolId }));
  }
}
