import { Module } from '@nestjs/common';
import { LeadBulkService } from './lead-bulk.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { PoolsModule } from '@modules/pools/pools.module';
import { ApprovalsModule } from '@modules/automation/approvals/approvals.module';
import { LeadApprovals } from './lead-approvals';
import { LeadForm } from './forms/lead-form.entity';
import { LeadFormsController, PublicLeadsController } from './forms/lead-forms.controller';
import { LeadFormsService } from './forms/lead-forms.service';
import { Lead } from './lead.entity';
import { LeadHomeController } from './lead-home.controller';
import { LeadHomeService } from './lead-home.service';
import { LeadActivityListener } from './lead-activity.listener';
import { LeadLinksListener } from './lead-links.listener';
import { LeadPoolKind } from './lead-pool-kind';
import { LeadAutomationKind } from './lead-automation-kind';
import { LeadConversionService } from './lead-conversion.service';
import { LeadDemoSeeder } from './lead-demo.seeder';
import { LeadsController, PoolLeadsController } from './leads.controller';
import { LeadRecords } from './lead-records';
import { LeadsService } from './leads.service';
import { LeadAssignmentRule } from './rules/lead-assignment-rule.entity';
import { LeadAssignmentRulesController } from './rules/lead-assignment-rules.controller';
import { LeadAssignmentRulesService } from './rules/lead-assignment-rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadAssignmentRule, LeadForm]), AdminModule, AccountsModule, ContactsModule, OpportunitiesModule, DedupeModule, NotificationsModule, PoolsModule, ApprovalsModule],
  controllers: [LeadsController, LeadHomeController, PoolLeadsController, LeadAssignmentRulesController, LeadFormsController, PublicLeadsController],
  providers: [LeadBulkService, LeadRecords, LeadHomeService, LeadsService, LeadApprovals, LeadActivityListener, LeadLinksListener, LeadPoolKind, LeadAutomationKind, LeadConversionService, LeadDemoSeeder, LeadAssignmentRulesService, LeadFormsService],
  exports: [LeadsService],
})
export class LeadsModule {}
