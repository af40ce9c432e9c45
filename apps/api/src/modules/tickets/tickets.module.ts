import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { KnowledgeBaseModule } from '@modules/knowledge-base/knowledge-base.module';
import { BusinessCalendarsModule } from '@modules/business-calendars/business-calendars.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { ContractsModule } from '@modules/contracts/contracts.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { ProductsModule } from '@modules/products/products.module';
import { ReturnVisit } from './return-visit.entity';
import { ReturnVisitRecords, ReturnVisitsService } from './return-visits.service';
import { ReturnVisitsController, ServiceRecordsController } from './service.controller';
import { ServiceRecord } from './service-record.entity';
import { ServiceLinks } from './service-links';
import { ServiceRecordRecords } from './service-record-records';
import { ServiceRecordsService } from './service-records.service';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicy } from './sla-policy.entity';
import { SlaPoliciesController, TicketFormsController, TicketTeamsController } from './ticket-admin.controller';
import { TicketClock } from './ticket-clock';
import { TicketComment } from './ticket-comment.entity';
import { TicketForm } from './ticket-form.entity';
import { TicketPublicController } from './ticket-public.controller';
import { TicketPublicService } from './ticket-public.service';
import { TicketRecords } from './ticket-records';
import { TicketSlaService } from './ticket-sla.service';
import { TicketTeam, TicketTeamMember } from './ticket-team.entity';
import { TicketTeamsService } from './ticket-teams.service';
import { Ticket } from './ticket.entity';
import { TicketsController } from './tickets.controller';
import { TicketsDemoSeeder } from './tickets.demo';
import { TicketsService } from './tickets.service';

/**
 * Service tickets (工单): teams with round-robin assignment, SLA policies in working time (business
 * calendars), escalation job, conversation, public web form / replies / satisfaction survey; return visits
 * (回访) and warranty records (保修).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Ticket, TicketComment, TicketTeam, TicketTeamMember, SlaPolicy, TicketForm, ReturnVisit, ServiceRecord]),
    AdminModule,
    AccountsModule,
    ContactsModule,
    ProductsModule,
    ContractsModule,
    NotificationsModule,
    BusinessCalendarsModule,
    KnowledgeBaseModule,
  ],
  controllers: [TicketsController, TicketTeamsController, SlaPoliciesController, TicketFormsController, TicketPublicController, ReturnVisitsController, ServiceRecordsController],
  providers: [TicketClock, TicketRecords, TicketTeamsService, SlaPoliciesService, TicketSlaService, TicketsService, TicketPublicService, ReturnVisitRecords, ReturnVisitsService, ServiceRecordRecords, ServiceRecordsService, ServiceLinks, TicketsDemoSeeder],
  exports: [TicketsService],
})
export class TicketsModule {}
