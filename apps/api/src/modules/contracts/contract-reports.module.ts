import { Module } from '@nestjs/common';
import { ContractReportsService } from './contract-reports.service';

/** The contracts' reporting queries for analytics (read only). */
@Module({ providers: [ContractReportsService], exports: [ContractReportsService] })
export class ContractReportsModule {}
