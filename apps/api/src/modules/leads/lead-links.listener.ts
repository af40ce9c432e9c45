import { Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { DomainEvents } from '@core/events/domain-events';
import { Lead } from './lead.entity';

/** A converted lead keeps pointing at what it became when that account or contact is merged into another. */
@Injectable()
export class LeadLinksListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('account.merged', async (m, e) => {
      await m.update(Lead, { convertedAccountId: In(e.fromIds) }, { convertedAccountId: e.intoId });
    });
    this.events.on('contact.merged', async (m, e) => {
      await m.update(Lead, { convertedContactId: In(e.fromIds) }, { convertedContactId: e.intoId });
    });
  }
}
