import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { Campaign } from './campaign.entity';
import { CampaignRecords } from './campaign-records';
import { CampaignSegments } from './campaign-segments';
import { CampaignStatsService } from './campaign-stats.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsDemoSeeder } from './campaigns.demo';
import { CampaignsService } from './campaigns.service';

/**
 * Campaigns (市场活动) with their stats and live target segment. Depends on leads and opportunities (stats)
 * and on contacts and accounts (segments); those never import it: they check and name a `campaignId`
 * through core's RecordRefs, which CampaignRecords answers.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Campaign]), AdminModule, AccountsModule, ContactsModule, LeadsModule, OpportunitiesModule, CurrenciesModule],
  controllers: [CampaignsController],
  providers: [CampaignRecords, CampaignSegments, CampaignStatsService, CampaignsService, CampaignsDemoSeeder],
  exports: [CampaignsService],
})
export class CampaignsModule {}
