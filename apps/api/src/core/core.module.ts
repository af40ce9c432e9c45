import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessService } from './access/access.service';
import { PermissionCatalog } from './access/permission-catalog';
import { AuditLogsController } from './audit/audit-logs.controller';
import { CustomField } from './custom-fields/custom-field.entity';
import { CustomFieldsController } from './custom-fields/custom-fields.controller';
import { CustomFieldsService } from './custom-fields/custom-fields.service';
import { AuditService } from './audit/audit.service';
import { AuditLog } from './audit/audit-log.entity';
import { JwtAuthGuard, PermissionGuard } from './auth/guards';
import { JwtSecretService } from './auth/jwt-secret.service';
import { ApiKeyAuthenticator } from './auth/api-keys';
import { JwtStrategy } from './auth/jwt.strategy';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { DATABASE_URL } from './database/tokens';
import { openRoutedDataSource } from './database/routed-data-source';
import { ReadRoutingInterceptor } from './database/read-routing.interceptor';
import { DomainEvents } from './events/domain-events';
import { OutboxService } from './events/outbox/outbox.service';
import { AutomationKinds } from './records/automation-kinds';
import { RecordRefs } from './records/record-refs';
import { DemoSeeders } from './demo/demo-seeders';
import { JobsService } from './jobs/jobs.service';
import { SequencesService } from './sequences/sequences.service';
import { Attachment } from './files/attachment.entity';
import { AttachmentUploadInterceptor } from './files/attachment-upload.interceptor';
import { AttachmentsService } from './files/attachments.service';
import { FileStorageService } from './files/storage/file-storage.service';
import { ContentTypeInterceptor } from './http/content-type.interceptor';
import { VersionEtagInterceptor } from './http/etag.interceptor';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemFilter } from './http/problem.filter';
import { UnknownQueryInterceptor } from './http/unknown-query.interceptor';
import { RateLimitGuard } from './ratelimit/rate-limit';

/**
 * Cross-cutting machinery, no business rules: config, database, authentication, permission and
 * rate-limit guards, idempotency, ETags, problem+json errors and the audit log.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(databaseUrl, config.dbPoolSize, config.sqlLogFile), migrationsRun: false, autoLoadEntities: true }),
          // with DATABASE_READ_URL, reads of list/search/export/timeline/analytics requests go to a replica
          dataSourceFactory: (options) => openRoutedDataSource(options!, config),
        }),
        TypeOrmModule.forFeature([AuditLog, Attachment, CustomField]),
      ],
      controllers: [AuditLogsController, CustomFieldsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
        DomainEvents,
        OutboxService,
        AutomationKinds,
        RecordRefs,
        JobsService,
        SequencesService,
        AttachmentsService,
        FileStorageService,
        AttachmentUploadInterceptor,
        DemoSeeders,
        CustomFieldsService,
        AccessService,
        PermissionCatalog,
        AuditService,
        JwtSecretService,
        JwtStrategy,
        ApiKeyAuthenticator,
        // order matters: rate limit before authentication, permissions after it
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
        // first: every interceptor after it (idempotency, ETag) runs with the request's database routing decided
        { provide: APP_INTERCEPTOR, useClass: ReadRoutingInterceptor },
        // a body the endpoint cannot read is refused before anything else looks at it
        { provide: APP_INTERCEPTOR, useClass: ContentTypeInterceptor },
        { provide: APP_INTERCEPTOR, useClass: UnknownQueryInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: VersionEtagInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [APP_CONFIG, DATABASE_URL, AccessService, PermissionCatalog, ApiKeyAuthenticator, AuditService, JwtSecretService, DomainEvents, OutboxService, AutomationKinds, RecordRefs, JobsService, SequencesService, AttachmentsService, FileStorageService, AttachmentUploadInterceptor, DemoSeeders, CustomFieldsService],
    };
  }
}
