import { Module } from '@nestjs/common';
import { TicketReportsService } from './ticket-reports.service';

/** The tickets' reporting queries for analytics (read only). */
@Module({ providers: [TicketReportsService], exports: [TicketReportsService] })
export class TicketReportsModule {}
