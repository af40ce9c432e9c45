import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ContractsModule } from '@modules/contracts/contracts.module';
import { TasksModule } from '@modules/tasks/tasks.module';
import { ProjectBulkService } from './project-bulk.service';
import { ProjectMilestone } from './project-milestone.entity';
import { ProjectRecords } from './project-records';
import { Project } from './project.entity';
import { ProjectsController } from './projects.controller';
import { ProjectsDemoSeeder } from './projects.demo';
import { ProjectsService } from './projects.service';

/**
 * Projects (我的项目, issue 22): projects of accounts and contracts with members, milestones and progress
 * from their tasks (asked of TasksService); the timeline is served by the activities module's TimelineService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Project, ProjectMilestone]), AdminModule, AccountsModule, ContractsModule, TasksModule],
  controllers: [ProjectsController],
  providers: [ProjectRecords, ProjectsService, ProjectBulkService, ProjectsDemoSeeder],
  exports: [ProjectsService],
})
export class ProjectsModule {}
