import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { TasksService } from '@modules/tasks/tasks.service';
import { SCHEDULED_TYPES } from './activity.entity';
import { ActivitiesService } from './activities.service';
import { CalendarItemDto, CalendarQueryDto, CalendarResponse } from './dto/calendar.dto';
import { ActivityErrorCode } from './activities.errors';

const MAX_DAYS = 92;
/** Most items of each kind in one answer (a busy quarter stays well below). */
const MAX_ITEMS = 1000;

/** One user's calendar: tasks due and visits/meetings planned in a range, inside the actor's data scope. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly tasks: TasksService,
    private readonly users: UsersService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async get(actor: AuthUser, query: CalendarQueryDto): Promise<CalendarResponse> {
    const { from, to } = query;
    if (to.getTime() < from.getTime()) throw badRequest(ActivityErrorCode.CALENDAR_RANGE_INVALID, 'to', 'to must not be before from');
    if (to.getTime() - from.getTime() > MAX_DAYS * 86400_000) {
      throw badRequest(ActivityErrorCode.CALENDAR_RANGE_INVALID, 'to', `the range may span at most ${MAX_DAYS} days`);
    }
    // another user's calendar: only someone inside the actor's scope (403 otherwise)
    const userId = (await this.users.resolveOwner(this.ds.manager, actor, 'tasks', query.userId)).ownerId;
    const tasks = await this.tasks.dueBetween(actor, userId, from, to, MAX_ITEMS);
    const visits = await this.activities.plannedBetween(actor, userId, SCHEDULED_TYPES, from, to, MAX_ITEMS);
    const data: CalendarItemDto[] = [
      ...tasks.map((t) => ({ kind: 'task' as const, at: t.dueAt, id: t.id, task: t })),
      ...(await this.activities.toResponses(actor, visits)).map((a) => ({ kind: 'activity' as const, at: a.plannedAt!, id: a.id, activity: a })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
    return { from, to, userId, data };
  }
}
