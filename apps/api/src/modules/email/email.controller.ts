import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { AttachmentUploadInterceptor } from '@core/files/attachment-upload.interceptor';
import type { UploadedFileInput } from '@core/files/attachments.service';
import { UploadAttachmentDto } from '@core/files/dto/attachment.dto';
import { ApiProblems } from '@core/http/api-problems';
import { EmailAccountsService } from './email-accounts.service';
import { EmailBroadcastsService } from './email-broadcasts.service';
import { EmailMessagesService } from './email-messages.service';
import { EmailTemplatesService } from './email-templates.service';
import {
  CreateEmailAccountDto,
  CreateEmailBroadcastDto,
  EmailBroadcastList,
  EmailBroadcastResponse,
  EmailEstimateDto,
  EmailEstimateResponse,
  CreateEmailTemplateDto,
  EmailAccountList,
  EmailAccountResponse,
  EmailConnectionTestResponse,
  EmailMessagePage,
  EmailMessageResponse,
  EmailPreviewDto,
  EmailPreviewResponse,
  EmailTemplateList,
  EmailTemplateResponse,
  EmailUploadResponse,
  QueryEmailMessagesDto,
  SendEmailDto,
  UpdateEmailAccountDto,
  UpdateEmailTemplateDto,
} from './dto/email.dto';

@ApiTags('email')
@ApiBearerAuth()
@Controller('email')
export class EmailController {
  constructor(
    private readonly accounts: EmailAccountsService,
    private readonly templates: EmailTemplatesService,
    private readonly messages: EmailMessagesService,
    private readonly broadcasts: EmailBroadcastsService,
  ) {}

  /** Mailboxes (passwords are never returned: `smtpPasswordSet` tells whether one is stored) */
  @Get('accounts')
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403)
  listAccounts(): Promise<EmailAccountList> {
    return this.accounts.list();
  }

  /** Add a mailbox: SMTP for sending, IMAP for receiving; passwords sealed at rest */
  @Post('accounts')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 409)
  createAccount(@CurrentUser() user: AuthUser, @Body() dto: CreateEmailAccountDto): Promise<EmailAccountResponse> {
    return this.accounts.create(user, dto);
  }

  /** Get a mailbox */
  @Get('accounts/:id')
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  getAccount(@Param('id', ParseUUIDPipe) id: string): Promise<EmailAccountResponse> {
    return this.accounts.get(id);
  }

  /** Change a mailbox (an empty password keeps the stored one; 412 on a stale version) */
  @Patch('accounts/:id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  updateAccount(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEmailAccountDto, @IfMatchVersion() ifMatch?: number): Promise<EmailAccountResponse> {
    return this.accounts.update(user, id, dto, ifMatch);
  }

  /** Remove a mailbox (its mail stays) */
  @Delete('accounts/:id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  removeAccount(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.accounts.remove(user, id);
  }

  /** Log in to the mailbox's SMTP and IMAP servers; a failure carries the server's own error text */
  @Post('accounts/:id/test')
  @HttpCode(200)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  testAccount(@Param('id', ParseUUIDPipe) id: string): Promise<EmailConnectionTestResponse> {
    return this.accounts.test(id);
  }

  /** List email templates */
  @Get('templates')
  @RequirePermission('email', 'read')
  @ApiProblems(401, 403)
  listTemplates(): Promise<EmailTemplateList> {
    return this.templates.list();
  }

  /** Create a template (subject and HTML body with `{{variables}}`) */
  @Post('templates')
  @RequirePermission('email', 'update')
  @ApiProblems(400, 401, 403, 409)
  createTemplate(@CurrentUser() user: AuthUser, @Body() dto: CreateEmailTemplateDto): Promise<EmailTemplateResponse> {
    return this.templates.create(user, dto);
  }

  /** Render a template or a draft for a record: subject, sanitized HTML, text and missing variables */
  @Post('templates/preview')
  @HttpCode(200)
  @RequirePermission('email', 'read')
  @ApiProblems(400, 401, 403, 404)
  preview(@CurrentUser() user: AuthUser, @Body() dto: EmailPreviewDto): Promise<EmailPreviewResponse> {
    return this.messages.preview(user, dto);
  }

  /** Get a template */
  @Get('templates/:id')
  @RequirePermission('email', 'read')
  @ApiProblems(401, 403, 404)
  getTemplate(@Param('id', ParseUUIDPipe) id: string): Promise<EmailTemplateResponse> {
    return this.templates.get(id);
  }

  /** Change a template (412 on a stale version) */
  @Patch('templates/:id')
  @RequirePermission('email', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  updateTemplate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEmailTemplateDto, @IfMatchVersion() ifMatch?: number): Promise<EmailTemplateResponse> {
    return this.templates.update(user, id, dto, ifMatch);
  }

  /** Delete a template */
  @Delete('templates/:id')
  @HttpCode(204)
  @RequirePermission('email', 'delete')
  @ApiProblems(401, 403, 404)
  removeTemplate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.templates.remove(user, id);
  }

  /** Upload a file to attach to a message you compose (its id goes in `attachmentIds`) */
  @Post('attachments')
  @RequirePermission('email', 'create')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiProblems(400, 401, 403, 413, 415)
  upload(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<EmailUploadResponse> {
    return this.messages.upload(user, (req as Request & { file?: UploadedFileInput }).file);
  }

  /** Send mail to a contact, lead or account (address resolved on the server), now or at `scheduledAt`, through the delivery queue */
  @Post('messages')
  @RequirePermission('email', 'create')
  @ApiProblems(400, 401, 403, 404, 413, 422)
  send(@CurrentUser() user: AuthUser, @Body() dto: SendEmailDto): Promise<EmailMessageResponse> {
    return this.messages.send(user, dto);
  }

  /** Mail in your data scope (the records you may read), newest first; filter by record, thread, status, direction */
  @Get('messages')
  @RequirePermission('email', 'read')
  @ApiProblems(400, 401, 403)
  listMessages(@CurrentUser() user: AuthUser, @Query() query: QueryEmailMessagesDto): Promise<EmailMessagePage> {
    return this.messages.list(user, query);
  }

  /** A message with its status, tries and the server's reply */
  @Get('messages/:id')
  @RequirePermission('email', 'read')
  @ApiProblems(401, 403, 404)
  getMessage(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EmailMessageResponse> {
    return this.messages.get(user, id);
  }

  /** Cancel a scheduled or retrying message (409 once it left) */
  @Post('messages/:id/cancel')
  @HttpCode(200)
  @RequirePermission('email', 'create')
  @ApiProblems(401, 403, 404, 409)
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EmailMessageResponse> {
    return this.messages.cancel(user, id);
  }

  /** Count an audience (contacts in your scope, before skipping unsubscribed and do-not-email) */
  @Post('broadcasts/estimate')
  @HttpCode(200)
  @RequirePermission('email', 'update')
  @ApiProblems(400, 401, 403, 404, 422)
  estimate(@CurrentUser() user: AuthUser, @Body() dto: EmailEstimateDto): Promise<EmailEstimateResponse> {
    return this.broadcasts.estimate(user, dto);
  }

  /** Send a template to contacts, a campaign's segment or a saved view, as a throttled background job */
  @Post('broadcasts')
  @RequirePermission('email', 'update')
  @ApiProblems(400, 401, 403, 404, 422)
  createBroadcast(@CurrentUser() user: AuthUser, @Body() dto: CreateEmailBroadcastDto): Promise<EmailBroadcastResponse> {
    return this.broadcasts.create(user, dto);
  }

  /** Broadcasts in your scope with their progress */
  @Get('broadcasts')
  @RequirePermission('email', 'read')
  @ApiProblems(401, 403)
  listBroadcasts(@CurrentUser() user: AuthUser): Promise<EmailBroadcastList> {
    return this.broadcasts.list(user);
  }

  /** A broadcast with progress, opens and clicks (per recipient: GET /email/messages?broadcastId=) */
  @Get('broadcasts/:id')
  @RequirePermission('email', 'read')
  @ApiProblems(401, 403, 404)
  getBroadcast(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EmailBroadcastResponse> {
    return this.broadcasts.get(user, id);
  }

  /** Cancel a broadcast (recipients not yet sent are canceled; 409 when it ended) */
  @Post('broadcasts/:id/cancel')
  @HttpCode(200)
  @RequirePermission('email', 'update')
  @ApiProblems(401, 403, 404, 409)
  cancelBroadcast(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EmailBroadcastResponse> {
    return this.broadcasts.cancel(user, id);
  }
}
