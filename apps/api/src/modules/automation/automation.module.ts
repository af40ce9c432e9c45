import { Module } from '@nestjs/common';
import { ApprovalsModule } from './approvals/approvals.module';
import { WorkflowsModule } from './workflows/workflows.module';

/** Automation (issue 11): the approval engine and workflow rules. */
@Module({
  imports: [ApprovalsModule, WorkflowsModule],
})
export class AutomationModule {}
