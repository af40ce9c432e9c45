import { Module } from '@nestjs/common';
import { OpportunityReportsService } from './opportunity-reports.service';

/** The opportunities' reporting queries for analytics, as a module of their own (no rules, read only). */
@Module({ providers: [OpportunityReportsService], exports: [OpportunityReportsService] })
export class OpportunityReportsModule {}
