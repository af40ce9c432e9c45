import { Module } from '@nestjs/common';
import { ApprovalsModule } from './approvals/approvals.module';

/** Automation (issue 11): the approval engine; workflow rules join it here. */
@Module({
  imports: [ApprovalsModule],
})
export class AutomationModule {}
