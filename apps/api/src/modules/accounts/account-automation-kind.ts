import { Injectable, OnModuleInit } from '@nestjs/common';
import { ACCOUNT_LEVELS, ACCOUNT_SIZES, ACCOUNT_SOURCES, ACCOUNT_TYPES, LIFECYCLE_STAGES } from '@keyuan/shared';
import { AutomationKinds } from '@core/records/automation-kinds';
import { AccountRecords } from './account-records';
import { AccountsService } from './accounts.service';
import type { UpdateAccountDto } from './dto/account.dto';

/** Accounts for workflow rules: their fields, and updates through AccountsService (approvals and dedupe hold). */
@Injectable()
export class AccountAutomationKind implements OnModuleInit {
  constructor(
    private readonly kinds: AutomationKinds,
    private readonly records: AccountRecords,
    private readonly accounts: AccountsService,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      type: 'account',
      module: 'accounts',
      store: this.records.store,
      pooled: true,
      fields: [
        { name: 'name', type: 'string', updatable: true },
        { name: 'type', type: 'enum', options: ACCOUNT_TYPES, updatable: true },
        { name: 'industry', type: 'string', updatable: true },
        { name: 'size', type: 'enum', options: ACCOUNT_SIZES, updatable: true },
        { name: 'source', type: 'enum', options: ACCOUNT_SOURCES, updatable: true },
        { name: 'level', type: 'enum', options: ACCOUNT_LEVELS, updatable: true },
        { name: 'lifecycleStage', type: 'enum', options: LIFECYCLE_STAGES, updatable: true },
        { name: 'province', type: 'string', updatable: true },
        { name: 'city', type: 'string', updatable: true },
        { name: 'district', type: 'string', updatable: true },
        { name: 'ownerId', type: 'user' },
        { name: 'poolId', type: 'string' },
        { name: 'nextFollowUpAt', type: 'date', updatable: true },
        { name: 'lastActivityAt', type: 'date' },
        { name: 'createdAt', type: 'date' },
      ],
      update: async (actor, id, patch, version) => {
        await this.accounts.update(actor, id, patch as UpdateAccountDto, version);
      },
    });
  }
}
