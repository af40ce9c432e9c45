import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '@modules/projects/projects.module';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { CampaignsModule } from '@modules/campaigns/campaigns.module';
import { PoolsModule } from '@modules/pools/pools.module';
import { TasksModule } from '@modules/tasks/tasks.module';
import { ActivitiesController, CalendarController, TimelineController } from './activities.controller';
import { ActivitiesDemoSeeder } from './activities.demo';
import { ActivitiesService } from './activities.service';
import { Activity } from './activity.entity';
import { CalendarService } from './calendar.service';
import { TimelineService } from './timeline.service';

/**
 * Activities (跟进记录) and the views that merge them with tasks: record timelines and the calendar.
 * Depends on leads, accounts, contacts, opportunities, campaigns and tasks; none of them depends on it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Activity]), AdminModule, DedupeModule, LeadsModule, AccountsModule, ContactsModule, TasksModule, PoolsModule, OpportunitiesModule, CampaignsModule, ProjectsModule],
  controllers: [ActivitiesController, CalendarController, TimelineController],
  providers: [ActivitiesService, TimelineService, CalendarService, ActivitiesDemoSeeder],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}
