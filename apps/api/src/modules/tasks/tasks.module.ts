import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { RelatedRecordsService } from './related-records.service';
import { Task } from './task.entity';
import { TaskRemindersService } from './task-reminders.service';
import { TasksController } from './tasks.controller';
import { TasksDemoSeeder } from './tasks.demo';
import { TasksService } from './tasks.service';

/** Tasks (待办 / 我的秘书): to-dos with due and reminder times, "my tasks" buckets, the reminder job. */
@Module({
  imports: [TypeOrmModule.forFeature([Task]), AdminModule, LeadsModule, AccountsModule, ContactsModule, OpportunitiesModule, NotificationsModule],
  controllers: [TasksController],
  providers: [TasksService, TaskRemindersService, RelatedRecordsService, TasksDemoSeeder],
  exports: [TasksService, RelatedRecordsService],
})
export class TasksModule {}
