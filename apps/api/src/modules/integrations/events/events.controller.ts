import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { EventFeedPage, QueryEventsDto } from '../dto/event-feed.dto';
import { EventFeedService } from './event-feed.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly feed: EventFeedService) {}

  /** The change feed: every committed record event in order after a cursor, without gaps or repeats (kept 7 days) */
  @Get()
  @RequirePermission('integrations', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryEventsDto): Promise<EventFeedPage> {
    return this.feed.list(user, query);
  }
}
