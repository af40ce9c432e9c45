import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { AttachmentUploadInterceptor } from '@core/files/attachment-upload.interceptor';
import { contentDisposition, UploadedFileInput } from '@core/files/attachments.service';
import { AttachmentListResponse, AttachmentResponse, UploadAttachmentDto } from '@core/files/dto/attachment.dto';
import { ATTACHMENT_CONTENT_TYPES } from '@core/files/file-signature';
import { ApiProblems } from '@core/http/api-problems';
import { CreateNoticeDto, NoticeAudienceTargetsResponse, NoticeListResponse, NoticeReceiptsResponse, NoticeResponse, UnreadCountResponse } from './dto/notice.dto';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** My notices (addressed to me, published, not expired): pinned first, newest first, with my unread count (any signed-in user) */
  @Get()
  @ApiQuery({ name: 'unread', required: false, type: Boolean, description: 'Only the ones I have not read' })
  @ApiProblems(401)
  feed(@CurrentUser() user: AuthUser, @Query('unread') unread?: string): Promise<NoticeListResponse> {
    return this.notices.feed(user, unread === 'true');
  }

  /** My unread count (the top bar's badge; any signed-in user) */
  @Get('unread-count')
  @ApiProblems(401)
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountResponse> {
    return { unread: await this.notices.unreadCount(user) };
  }

  /** The departments and roles a notice can be addressed to (publishers) */
  @Get('audience-targets')
  @RequirePermission('notices', 'create')
  @ApiProblems(401, 403)
  audienceTargets(): Promise<NoticeAudienceTargetsResponse> {
    return this.notices.audienceTargets();
  }

  /** Publish a notice (now or at publishAt) for everyone, departments or roles; the body is sanitized */
  @Post()
  @RequirePermission('notices', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateNoticeDto): Promise<NoticeResponse> {
    return this.notices.create(user, dto);
  }

  /** A notice addressed to me (404 otherwise; publishers with the notices read grant see every notice in their scope) */
  @Get(':id')
  @ApiProblems(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeResponse> {
    return this.notices.get(user, id);
  }

  /** Mark a notice read (idempotent) */
  @Post(':id/read')
  @HttpCode(204)
  @ApiProblems(401, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.notices.markRead(user, id);
  }

  /** Read receipts: who of the audience has read it and who has not (publishers: notices read, the notice in their scope) */
  @Get(':id/receipts')
  @RequirePermission('notices', 'read')
  @ApiProblems(401, 403, 404)
  receipts(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeReceiptsResponse> {
    return this.notices.receipts(user, id);
  }

  /** Withdraw a notice */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('notices', 'delete')
  @ApiProblems(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.notices.remove(user, id);
  }

  /** The notice's files, newest first (its readers: the audience, or publishers in scope; 404 otherwise) */
  @Get(':id/attachments')
  @ApiProblems(401, 404)
  async attachments(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AttachmentListResponse> {
    return { data: await this.notices.listAttachments(user, id) };
  }

  /**
   * Attach a file (multipart part `file`): pdf, png, jpeg, docx, xlsx or doc, recognised by its first bytes
   * (415 FILE_TYPE_NOT_ALLOWED otherwise), at most FILES_MAX_BYTES (413 FILE_TOO_LARGE)
   */
  @Post(':id/attachments')
  @RequirePermission('notices', 'update')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiProblems(400, 401, 403, 404, 413, 415)
  attach(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<AttachmentResponse> {
    return this.notices.addAttachment(user, id, (req as Request & { file?: UploadedFileInput }).file);
  }

  /** Download a file of a notice addressed to me (404 for anyone outside its audience) */
  @Get(':id/attachments/:attachmentId')
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiResponse({ status: 200, description: 'The file, in the type its first bytes showed on upload', content: Object.fromEntries(ATTACHMENT_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems(401, 404)
  async download(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string): Promise<StreamableFile> {
    const { attachment, body, length } = await this.notices.readAttachment(user, id, attachmentId);
    return new StreamableFile(body, { type: attachment.contentType, disposition: contentDisposition(attachment.fileName), length });
  }

  /** Remove a file of a notice */
  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @RequirePermission('notices', 'update')
  @ApiProblems(401, 403, 404)
  detach(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string): Promise<void> {
    return this.notices.removeAttachment(user, id, attachmentId);
  }
}
