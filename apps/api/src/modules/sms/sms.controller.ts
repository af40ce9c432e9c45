import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { SmsBroadcastsService } from './sms-broadcasts.service';
import { SmsInboxService } from './sms-inbox.service';
import { SmsMessagesService } from './sms-messages.service';
import { SmsSettingsService } from './sms-settings.service';
import { SmsTemplatesService } from './sms-templates.service';
import {
  CreateSmsBroadcastDto,
  CreateSmsTemplateDto,
  QuerySmsBroadcastsDto,
  QuerySmsInboxDto,
  QuerySmsMessagesDto,
  SendSmsDto,
  SmsBroadcastList,
  SmsBroadcastResponse,
  SmsConversationList,
  SmsEstimateDto,
  SmsEstimateResponse,
  SmsMessagePage,
  SmsMessageResponse,
  SmsPreviewDto,
  SmsPreviewResponse,
  SmsReplyDto,
  SmsSettingsResponse,
  SmsTemplateList,
  SmsTemplateResponse,
  SmsThreadResponse,
  UpdateSmsSettingsDto,
  UpdateSmsTemplateDto,
} from './dto/sms.dto';

@ApiTags('sms')
@ApiBearerAuth()
@Controller('sms')
export class SmsController {
  constructor(
    private readonly settings: SmsSettingsService,
    private readonly templates: SmsTemplatesService,
    private readonly messages: SmsMessagesService,
    private readonly inbox: SmsInboxService,
    private readonly broadcasts: SmsBroadcastsService,
  ) {}

  /** The SMS provider and sending rules (credentials are never returned: `credentialsSet` tells whether they are stored) */
  @Get('settings')
  @RequirePermission('sms', 'update')
  @ApiProblems(401, 403)
  getSettings(): Promise<SmsSettingsResponse> {
    return this.settings.get();
  }

  /** Choose the provider, store its credentials (write-only, sealed at rest), set the rate, allowed hours and caps */
  @Put('settings')
  @RequirePermission('sms', 'update')
  @ApiProblems(400, 401, 403, 412)
  updateSettings(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateSmsSettingsDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<SmsSettingsResponse> {
    return this.settings.update(user, dto, ifMatch);
  }

  /** List SMS templates */
  @Get('templates')
  @RequirePermission('sms', 'read')
  @ApiProblems(401, 403)
  listTemplates(): Promise<SmsTemplateList> {
    return this.templates.list();
  }

  /** Create a template (a marketing one must end with the opt-out line) */
  @Post('templates')
  @RequirePermission('sms', 'update')
  @ApiProblems(400, 401, 403, 409)
  createTemplate(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateSmsTemplateDto,
  ): Promise<SmsTemplateResponse> {
    return this.templates.create(user, dto);
  }

  /** Render a template or text for a contact and count its characters and parts (GSM-7 160/153, UCS-2 70/67) */
  @Post('templates/preview')
  @HttpCode(200)
  @RequirePermission('sms', 'read')
  @ApiProblems(400, 401, 403, 404)
  preview(@CurrentUser() user: AuthUser, @Body() dto: SmsPreviewDto): Promise<SmsPreviewResponse> {
    return this.messages.preview(user, dto);
  }

  /** Get a template */
  @Get('templates/:id')
  @RequirePermission('sms', 'read')
  @ApiProblems(401, 403, 404)
  getTemplate(@Param('id', ParseUUIDPipe) id: string): Promise<SmsTemplateResponse> {
    return this.templates.get(id);
  }

  /** Change a template (412 on a stale version) */
  @Patch('templates/:id')
  @RequirePermission('sms', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  updateTemplate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSmsTemplateDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<SmsTemplateResponse> {
    return this.templates.update(user, id, dto, ifMatch);
  }

  /** Delete a template (409 while a broadcast in progress uses it) */
  @Delete('templates/:id')
  @HttpCode(204)
  @RequirePermission('sms', 'delete')
  @ApiProblems(401, 403, 404, 409)
  removeTemplate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.templates.remove(user, id);
  }

  /** Send one message to a contact or number, now or at `scheduledAt` (422 do-not-SMS, opted out, frequency cap) */
  @Post('messages')
  @RequirePermission('sms', 'create')
  @ApiProblems(400, 401, 403, 404, 422)
  send(@CurrentUser() user: AuthUser, @Body() dto: SendSmsDto): Promise<SmsMessageResponse> {
    return this.messages.send(user, dto);
  }

  /** List messages in your data scope, newest first (filter by status, direction, contact, broadcast; keyset pages) */
  @Get('messages')
  @RequirePermission('sms', 'read')
  @ApiProblems(400, 401, 403)
  listMessages(@CurrentUser() user: AuthUser, @Query() query: QuerySmsMessagesDto): Promise<SmsMessagePage> {
    return this.messages.list(user, query);
  }

  /** Get a message with its status, provider id and error code */
  @Get('messages/:id')
  @RequirePermission('sms', 'read')
  @ApiProblems(401, 403, 404)
  getMessage(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SmsMessageResponse> {
    return this.messages.get(user, id);
  }

  /** Conversations with numbers that wrote to us, newest first, with unread counts */
  @Get('inbox')
  @RequirePermission('sms', 'read')
  @ApiProblems(400, 401, 403)
  conversations(
    @CurrentUser() user: AuthUser,
    @Query() query: QuerySmsInboxDto,
  ): Promise<SmsConversationList> {
    return this.inbox.conversations(user, query);
  }

  /** A conversation's messages, oldest first (the id of any of its messages) */
  @Get('inbox/:id')
  @RequirePermission('sms', 'read')
  @ApiProblems(401, 403, 404)
  thread(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SmsThreadResponse> {
    return this.inbox.thread(user, id);
  }

  /** Mark a conversation's inbound messages read */
  @Post('inbox/:id/read')
  @HttpCode(200)
  @RequirePermission('sms', 'read')
  @ApiProblems(401, 403, 404)
  markRead(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SmsThreadResponse> {
    return this.inbox.markRead(user, id);
  }

  /** Reply in a conversation (sent through the provider like any message) */
  @Post('inbox/:id/reply')
  @RequirePermission('sms', 'create')
  @ApiProblems(400, 401, 403, 404, 422)
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SmsReplyDto,
  ): Promise<SmsMessageResponse> {
    return this.inbox.reply(user, id, dto.body);
  }

  /** Estimate a broadcast: recipients in your scope and parts per message */
  @Post('broadcasts/estimate')
  @HttpCode(200)
  @RequirePermission('sms', 'create')
  @ApiProblems(400, 401, 403, 404, 422)
  estimate(@CurrentUser() user: AuthUser, @Body() dto: SmsEstimateDto): Promise<SmsEstimateResponse> {
    return this.broadcasts.estimate(user, dto);
  }

  /** Send a template to contacts, a campaign's segment or a saved view, as a throttled background job */
  @Post('broadcasts')
  @RequirePermission('sms', 'create')
  @ApiProblems(400, 401, 403, 404, 422)
  createBroadcast(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateSmsBroadcastDto,
  ): Promise<SmsBroadcastResponse> {
    return this.broadcasts.create(user, dto);
  }

  /** List broadcasts in your scope */
  @Get('broadcasts')
  @RequirePermission('sms', 'read')
  @ApiProblems(400, 401, 403)
  listBroadcasts(
    @CurrentUser() user: AuthUser,
    @Query() query: QuerySmsBroadcastsDto,
  ): Promise<SmsBroadcastList> {
    return this.broadcasts.list(user, query);
  }

  /** A broadcast with its progress (per-recipient status: GET /sms/messages?broadcastId=) */
  @Get('broadcasts/:id')
  @RequirePermission('sms', 'read')
  @ApiProblems(401, 403, 404)
  getBroadcast(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SmsBroadcastResponse> {
    return this.broadcasts.get(user, id);
  }

  /** Cancel a broadcast (recipients not yet sent are canceled; 409 when it ended) */
  @Post('broadcasts/:id/cancel')
  @HttpCode(200)
  @RequirePermission('sms', 'update')
  @ApiProblems(401, 403, 404, 409)
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SmsBroadcastResponse> {
    return this.broadcasts.cancel(user, id);
  }
}
