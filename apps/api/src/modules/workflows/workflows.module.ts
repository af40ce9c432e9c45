import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { PoolsModule } from '@modules/pools/pools.module';
import { TasksModule } from '@modules/tasks/tasks.module';
import { WorkflowActions } from './workflow-actions';
import { WorkflowDryRunService } from './workflow-dry-run.service';
import { WorkflowEngine } from './workflow-engine.service';
import { WorkflowRule } from './workflow-rule.entity';
import { WorkflowRulesController } from './workflow-rules.controller';
import { WorkflowRulesService } from './workflow-rules.service';
import { WorkflowRun } from './workflow-run.entity';

/** Workflow rules: committed record events and a time scan run admins' rules (tasks, notifications, field updates, ownership). */
@Module({
  imports: [TypeOrmModule.forFeature([WorkflowRule, WorkflowRun]), TasksModule, NotificationsModule, PoolsModule],
  controllers: [WorkflowRulesController],
  providers: [WorkflowRulesService, WorkflowActions, WorkflowEngine, WorkflowDryRunService],
  exports: [WorkflowRulesService, WorkflowActions, WorkflowEngine],
})
export class WorkflowsModule {}
