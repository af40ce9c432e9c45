import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@core/events/domain-events';

/** Keeps `accounts.last_activity_at` at the latest follow-up the activities module reports (no version bump: it is derived). */
@Injectable()
export class AccountActivityListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('activity.logged', async (m, e) => {
      if (!e.accountId) return;
      await m.query(`UPDATE accounts SET last_activity_at = GREATEST(last_activity_at, $2) WHERE id = $1`, [e.accountId, e.at]);
    });
  }
}
