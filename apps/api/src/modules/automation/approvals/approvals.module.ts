import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { Approval } from './approval.entity';
import { ApprovalActions } from './approval-actions.service';
import { ApprovalFlow } from './approval-flow.entity';
import { ApprovalFlowsController } from './approval-flows.controller';
import { ApprovalFlowsService } from './approval-flows.service';
import { ApprovalKinds } from './approval-kinds';
import { ApprovalQueries } from './approval-queries.service';
import { ApprovalSteps } from './approval-steps.service';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { DelegationsService } from './delegations.service';

/** The approval engine (审批流): flows per record kind and trigger, approvals, delegations. Modules use ApprovalsService. */
@Module({
  imports: [TypeOrmModule.forFeature([ApprovalFlow, Approval]), AdminModule, NotificationsModule],
  controllers: [ApprovalFlowsController, ApprovalsController],
  providers: [ApprovalsService, ApprovalFlowsService, ApprovalKinds, ApprovalSteps, ApprovalQueries, ApprovalActions, DelegationsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
