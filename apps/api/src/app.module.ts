import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CoreModule } from '@core/core.module';
import type { AppConfig } from '@core/config/app-config';
import { AdminModule } from '@modules/admin/admin.module';
import { AuthModule } from '@modules/auth/auth.module';
import { HealthModule } from '@modules/health/health.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { PoolsModule } from '@modules/pools/pools.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { CampaignsModule } from '@modules/campaigns/campaigns.module';
import { SearchModule } from '@modules/search/search.module';
import { TasksModule } from '@modules/tasks/tasks.module';
import { ActivitiesModule } from '@modules/activities/activities.module';
import { ImportsModule } from '@modules/imports/imports.module';
import { AutomationModule } from '@modules/automation/automation.module';
import { SavedViewsModule } from '@modules/saved-views/saved-views.module';
import { WorkflowsModule } from '@modules/workflows/workflows.module';
import { ProductsModule } from '@modules/products/products.module';
import { BusinessCalendarsModule } from '@modules/business-calendars/business-calendars.module';
import { QuotesModule } from '@modules/quotes/quotes.module';
import { ContractsModule } from '@modules/contracts/contracts.module';
import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { KnowledgeBaseModule } from '@modules/knowledge-base/knowledge-base.module';
import { PaymentsModule } from '@modules/payments/payments.module';
import { TicketsModule } from '@modules/tickets/tickets.module';
import { AnalyticsModule } from '@modules/analytics/analytics.module';
import { SmsModule } from '@modules/sms/sms.module';
import { EmailModule } from '@modules/email/email.module';
import { IntegrationsModule } from '@modules/integrations/integrations.module';
import { SettingsModule } from '@modules/settings/settings.module';
import { BackupModule } from '@modules/backup/backup.module';
import { NoticesModule } from '@modules/notices/notices.module';
import { ObjectsModule } from '@modules/objects/objects.module';
import { ProjectsModule } from '@modules/projects/projects.module';
import { DocumentsModule } from '@modules/documents/documents.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const spa = existsSync(join(config.webDist, 'index.html'))
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.webDist,
            // unknown API paths stay JSON 404s instead of index.html
            exclude: ['/api/{*path}', '/docs', '/docs/{*path}', '/docs-json'],
            // index.html names the current build's assets: revalidated on every load (assets: core/http/spa-assets.ts)
            serveStaticOptions: { cacheControl: true, maxAge: 0, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') },
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, databaseUrl), HealthModule, AdminModule, AuthModule, NotificationsModule, DedupeModule, PoolsModule, AccountsModule, ContactsModule, OpportunitiesModule, LeadsModule, SearchModule, TasksModule, ActivitiesModule, ImportsModule, AutomationModule, SavedViewsModule, WorkflowsModule, ProductsModule, QuotesModule, ContractsModule, CampaignsModule, CurrenciesModule, BusinessCalendarsModule, KnowledgeBaseModule, PaymentsModule, TicketsModule, AnalyticsModule, SmsModule, IntegrationsModule, SettingsModule, BackupModule, NoticesModule, ProjectsModule, DocumentsModule, EmailModule, ObjectsModule, ...spa],
    };
  }
}
