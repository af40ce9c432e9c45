import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { ActivityPage, ActivityResponse, CreateActivityDto, QueryActivitiesDto, UpdateActivityDto } from './dto/activity.dto';
import { CalendarQueryDto, CalendarResponse } from './dto/calendar.dto';
import { TimelinePage, TimelineQueryDto } from './dto/timeline.dto';
import { ActivitiesService } from './activities.service';
import { CalendarService } from './calendar.service';
import { TimelineService } from './timeline.service';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  /** List activities in your data scope (filter by type, owner, record and time; search subject and content) */
  @Get()
  @RequirePermission('activities', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryActivitiesDto): Promise<ActivityPage> {
    return this.activities.list(user, query);
  }

  /** Create up to 500 activities at once: per-record results (created id, or the status, code and field errors a single create would answer); `atomic=true`: all or nothing */
  @Post('bulk/create')
  @HttpCode(200)
  @RequirePermission('activities', 'create')
  @ApiProblems(400, 401, 403)
  bulkCreate(@CurrentUser() user: AuthUser, @Body() body: BulkCreateDto, @Query() q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return this.activities.bulkCreate(user, body, q);
  }

  /** Log a call, visit, meeting, note or email on a lead, account or contact you can read (an inbound call may be matched by caller phone) */
  @Post()
  @RequirePermission('activities', 'create')
  @ApiProblems(400, 401, 403, 404)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActivityDto): Promise<ActivityResponse> {
    return this.activities.create(user, dto);
  }

  /** Get an activity */
  @Get(':id')
  @RequirePermission('activities', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityResponse> {
    return this.activities.get(user, id);
  }

  /** Update an activity (a visit or meeting set to `done` counts as a follow-up from then on) */
  @Patch(':id')
  @RequirePermission('activities', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateActivityDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ActivityResponse> {
    return this.activities.update(user, id, dto, ifMatch);
  }

  /** Soft-delete an activity */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('activities', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.activities.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted activity (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('activities', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityResponse> {
    return this.activities.restore(user, id);
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Tasks due and visits/meetings planned in a range (at most 92 days), yours or a user's in your scope */
  @Get()
  @RequirePermission('tasks', 'read')
  @ApiProblems(400, 401, 403)
  get(@CurrentUser() user: AuthUser, @Query() query: CalendarQueryDto): Promise<CalendarResponse> {
    return this.calendar.get(user, query);
  }
}

/** Timelines live here because they merge activities and tasks; the record modules know nothing of them. */
@ApiBearerAuth()
@Controller()
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  /** A lead's activities, tasks and field changes, newest first (keyset pages) */
  @Get('leads/:id/timeline')
  @ApiTags('leads')
  @RequirePermission('leads', 'read')
  @ApiProblems(400, 401, 403, 404)
  lead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timeline.forRecord(user, 'lead', id, query);
  }

  /** An account's activities (its contacts' included), tasks and field changes, newest first (keyset pages) */
  @Get('accounts/:id/timeline')
  @ApiTags('accounts')
  @RequirePermission('accounts', 'read')
  @ApiProblems(400, 401, 403, 404)
  account(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timeline.forRecord(user, 'account', id, query);
  }

  /** An opportunity's field changes and stage moves, newest first (keyset pages) */
  @Get('opportunities/:id/timeline')
  @ApiTags('opportunities')
  @RequirePermission('opportunities', 'read')
  @ApiProblems(400, 401, 403, 404)
  opportunity(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timeline.forRecord(user, 'opportunity', id, query);
  }

  /** A campaign's field changes, newest first (keyset pages) */
  @Get('campaigns/:id/timeline')
  @ApiTags('campaigns')
  @RequirePermission('campaigns', 'read')
  @ApiProblems(400, 401, 403, 404)
  campaign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timeline.forRecord(user, 'campaign', id, query);
  }

  /** A project's history: field and status changes, milestones reached, tasks completed, and its tasks; newest first (keyset pages) */
  @Get('projects/:id/timeline')
  @ApiTags('projects')
  @RequirePermission('projects', 'read')
  @ApiProblems(400, 401, 403, 404)
  project(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timeline.forRecord(user, 'project', id, query);
  }

  /** A contact's activities, tasks and field changes, newest first (keyset pages) */
  @Get('contacts/:id/timeline')
  @ApiTags('contacts')
  @RequirePermission('contacts', 'read')
  @ApiProblems(400, 401, 403, 404)
  contact(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timeline.forRecord(user, 'contact', id, query);
  }
}
