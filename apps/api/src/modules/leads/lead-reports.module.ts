import { Module } from '@nestjs/common';
import { LeadReportsService } from './lead-reports.service';

/** The leads' reporting queries for analytics (read only). */
@Module({ providers: [LeadReportsService], exports: [LeadReportsService] })
export class LeadReportsModule {}
