import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { BusinessCalendarsService } from './business-calendars.service';
import {
  BusinessCalendarList,
  BusinessCalendarResponse,
  CalendarDayList,
  CalendarDayResponse,
  CalendarDaysQueryDto,
  CreateBusinessCalendarDto,
  DueQueryDto,
  DueResponse,
  PutCalendarDayDto,
  UpdateBusinessCalendarDto,
} from './dto/business-calendar.dto';

@ApiTags('business-calendars')
@ApiBearerAuth()
@Controller('business-calendars')
export class BusinessCalendarsController {
  constructor(private readonly calendars: BusinessCalendarsService) {}

  /** Business calendars (working hours, holidays) that service levels count in; the default first */
  @Get()
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403)
  list(): Promise<BusinessCalendarList> {
    return this.calendars.list();
  }

  /** Create a calendar: a weekly schedule in a time zone, optionally China's official holidays */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateBusinessCalendarDto): Promise<BusinessCalendarResponse> {
    return this.calendars.create(user, dto);
  }

  /** Get a calendar */
  @Get(':id')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BusinessCalendarResponse> {
    return this.calendars.get(id);
  }

  /** Change a calendar (making it the default unsets the previous one; the default cannot be unset: 409) */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateBusinessCalendarDto, @IfMatchVersion() ifMatch?: number): Promise<BusinessCalendarResponse> {
    return this.calendars.update(user, id, dto, ifMatch);
  }

  /** Delete a calendar (not the default: 409 BUSINESS_CALENDAR_DEFAULT) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.calendars.remove(user, id, ifMatch);
  }

  /** Holidays and working days of a date range (official ones and the calendar's own, which override them) */
  @Get(':id/days')
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403, 404)
  days(@Param('id', ParseUUIDPipe) id: string, @Query() query: CalendarDaysQueryDto): Promise<CalendarDayList> {
    return this.calendars.days(id, query.from, query.to);
  }

  /** Set the calendar's own day: a day off, or a working day (e.g. a make-up day before the official schedule is out) */
  @Put(':id/days/:date')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404)
  putDay(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('date') date: string, @Body() dto: PutCalendarDayDto): Promise<CalendarDayResponse> {
    return this.calendars.putDay(user, id, date, dto);
  }

  /** Remove the calendar's own day (an official day of that date applies again) */
  @Delete(':id/days/:date')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  removeDay(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('date') date: string): Promise<void> {
    return this.calendars.removeDay(user, id, date);
  }

  /** When `minutes` of working time after `from` run out in this calendar (a preview of a service-level target) */
  @Get(':id/due')
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403, 404, 409)
  due(@Param('id', ParseUUIDPipe) id: string, @Query() query: DueQueryDto): Promise<DueResponse> {
    return this.calendars.due(id, query.from, query.minutes);
  }
}
