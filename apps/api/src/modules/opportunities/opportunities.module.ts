import { DomainEvents } from '@core/events/domain-events';
import { followMerges } from '@core/events/follow-merges';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { ProductsModule } from '@modules/products/products.module';
import { Pipeline, PipelineStage } from './pipeline.entity';
import { Opportunity, OpportunityStageMove } from './opportunity.entity';
import { OpportunityLine } from './opportunity-line.entity';
import { OpportunityLinesController } from './opportunity-lines.controller';
import { OpportunityLinesService } from './opportunity-lines.service';
import { OpportunityLinesDemoSeeder } from './opportunity-lines.demo';
import { OpportunityRecords } from './opportunity-records';
import { OpportunitiesService } from './opportunities.service';
import { OpportunitySummaryService } from './opportunity-summary.service';
import { OpportunityAutomationKind } from './opportunity-automation-kind';
import { OpportunitiesDemoSeeder } from './opportunities.demo';
import { OpportunitiesController } from './opportunities.controller';
import { PipelinesController } from './pipelines.controller';
import { PipelinesService } from './pipelines.service';

/**
 * Pipelines (ordered stages) and opportunities (商机) with stage history, line items and board totals.
 * Depends on accounts, contacts, products (line items) and currencies (base-currency totals); leads (conversion) and activities (timeline) depend on it, never the reverse.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Pipeline, PipelineStage, Opportunity, OpportunityStageMove, OpportunityLine]), AdminModule, AccountsModule, ContactsModule, CurrenciesModule, ProductsModule],
  controllers: [PipelinesController, OpportunitiesController, OpportunityLinesController],
  providers: [PipelinesService, OpportunityRecords, OpportunitiesService, OpportunitySummaryService, OpportunityAutomationKind, OpportunitiesDemoSeeder, OpportunityLinesService, OpportunityLinesDemoSeeder],
  exports: [OpportunitiesService, PipelinesService],
})
export class OpportunitiesModule {
  constructor(events: DomainEvents) {
    // merged accounts (and contacts) keep their opportunities: the references move to the survivor
    followMerges(events, 'opportunities', { 'account.merged': 'account_id', 'contact.merged': 'contact_id' });
  }
}
