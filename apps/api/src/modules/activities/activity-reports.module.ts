import { Module } from '@nestjs/common';
import { ActivityReportsService } from './activity-reports.service';

/** The activities' reporting queries for analytics (read only). */
@Module({ providers: [ActivityReportsService], exports: [ActivityReportsService] })
export class ActivityReportsModule {}
