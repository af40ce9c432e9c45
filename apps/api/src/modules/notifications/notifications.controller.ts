import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { NotificationPage, QueryNotificationsDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Your notifications, newest first, with the unread count; `title` and `body` follow Accept-Language */
  @Get()
  @ApiProblems(400, 401)
  @ApiHeader({ name: 'accept-language', required: false, description: 'zh-CN for Chinese texts, else English' })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: QueryNotificationsDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<NotificationPage> {
    return this.notifications.list(user, query, csvLocale(undefined, acceptLanguage));
  }

  /** Mark one of your notifications read */
  @Post(':id/read')
  @HttpCode(204)
  @ApiProblems(401, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.notifications.markRead(user, id);
  }

  /** Mark all your notifications read */
  @Post('read-all')
  @HttpCode(204)
  @ApiProblems(401)
  markAllRead(@CurrentUser() user: AuthUser): Promise<void> {
    return this.notifications.markAllRead(user);
  }
}
