import { Module } from '@nestjs/common';
import { ApprovalsModule } from './approvals/approvals.module';

/**
 * Automation (issue 11), part one: the approval engine. Record modules depend on it (they ask it before an
 * edit); workflow rules are their own module (`modules/workflows`) because they depend on the record modules
 * (they create tasks, update leads): in one module the two directions would make a cycle.
 */
@Module({
  imports: [ApprovalsModule],
})
export class AutomationModule {}
