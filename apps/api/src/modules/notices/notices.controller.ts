import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreateNoticeDto, NoticeListResponse, NoticeReceiptsResponse, NoticeResponse, UnreadCountResponse } from './dto/notice.dto';
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

  /** Publish a notice (now or at publishAt) for everyone, departments or roles; the body is sanitized */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateNoticeDto): Promise<NoticeResponse> {
    return this.notices.create(user, dto);
  }

  /** A notice addressed to me (404 otherwise; publishers see all) */
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

  /** Read receipts: who of the audience has read it and who has not (publishers) */
  @Get(':id/receipts')
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  receipts(@Param('id', ParseUUIDPipe) id: string): Promise<NoticeReceiptsResponse> {
    return this.notices.receipts(id);
  }

  /** Withdraw a notice */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.notices.remove(user, id);
  }
}
