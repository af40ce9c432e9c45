import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@core/events/domain-events';

/** Keeps `contacts.last_activity_at` at the latest follow-up the activities module reports (no version bump: it is derived). */
@Injectable()
export class ContactActivityListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('activity.logged', async (m, e) => {
      if (!e.contactId) return;
      await m.query(`UPDATE contacts SET last_activity_at = GREATEST(last_activity_at, $2) WHERE id = $1`, [e.contactId, e.at]);
    });
  }
}
