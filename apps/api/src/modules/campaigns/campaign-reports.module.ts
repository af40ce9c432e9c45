import { Module } from '@nestjs/common';
import { CampaignReportsService } from './campaign-reports.service';

/** The campaigns' reporting queries for analytics (read only). */
@Module({ providers: [CampaignReportsService], exports: [CampaignReportsService] })
export class CampaignReportsModule {}
