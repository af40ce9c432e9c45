import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, Between } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, notFound } from '@core/http/domain-error';
import { BusinessCalendar, BusinessCalendarDay } from './business-calendar.entity';
import { addBusinessMinutes, type CalendarSpec, type DayOverride, dueWithPauses, EmptyCalendarError, intervalProblem, type Pause, type WorkInterval } from './business-time';
import { BusinessCalendarErrorCode } from './business-calendars.errors';
import {
  BusinessCalendarList,
  BusinessCalendarResponse,
  CalendarDayList,
  CalendarDayResponse,
  CreateBusinessCalendarDto,
  DueResponse,
  PutCalendarDayDto,
  UpdateBusinessCalendarDto,
  WEEKDAYS,
  WeeklyScheduleDto,
} from './dto/business-calendar.dto';
import { officialChinaDayList } from './official-days';

const MAX_RANGE_DAYS = 400;

const toWeekly = (w: WeeklyScheduleDto): WorkInterval[][] => WEEKDAYS.map((d) => (w[d] ?? []).map(({ start, end }) => ({ start, end })));
const fromWeekly = (w: WorkInterval[][]): WeeklyScheduleDto => Object.fromEntries(WEEKDAYS.map((d, i) => [d, w[i] ?? []])) as unknown as WeeklyScheduleDto;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hoursOf = (w: WorkInterval[][]) => w.flat().reduce((sum, i) => sum + minutes(i.end) - minutes(i.start), 0) / 60;

function validZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/**
 * Business calendars (工作日历) for service levels: CRUD for admins, their official and own days, and for
 * other modules the calendar as pure data (`specFor`) and due times in working time (`dueAt`).
 */
@Injectable()
export class BusinessCalendarsService {
  private readonly store: RecordStore<BusinessCalendar>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {
    this.store = new RecordStore(ds, audit, BusinessCalendar, { entityType: 'business_calendar', module: 'settings', alias: 'c' });
  }

  async list(): Promise<BusinessCalendarList> {
    const rows = await this.store.query(null).orderBy('c.is_default', 'DESC').addOrderBy('c.name', 'ASC').getMany();
    return { data: rows.map(toResponse) };
  }

  async get(id: string): Promise<BusinessCalendarResponse> {
    return toResponse(await this.store.get(null, id));
  }

  async create(actor: AuthUser, dto: CreateBusinessCalendarDto): Promise<BusinessCalendarResponse> {
    this.check(dto);
    const saved = await this.ds.transaction(async (m) => {
      if (dto.isDefault) await this.clearDefault(m);
      return this.store.create(
        actor,
        {
          name: dto.name.trim(),
          timeZone: dto.timeZone,
          weekly: toWeekly(dto.weekly),
          makeupIntervals: dto.makeupIntervals ?? null,
          officialHolidays: dto.officialHolidays ?? null,
          isDefault: dto.isDefault ?? false,
        },
        m,
      );
    });
    return toResponse(saved);
  }

  async update(actor: AuthUser, id: string, dto: UpdateBusinessCalendarDto, ifMatch?: number): Promise<BusinessCalendarResponse> {
    this.check(dto);
    const saved = await this.ds.transaction(async (m) =>
      this.store.update(
        actor,
        id,
        ifMatch ?? dto.version,
        async (c) => {
          if (dto.isDefault === false && c.isDefault) throw this.defaultNeeded();
          if (dto.isDefault && !c.isDefault) await this.clearDefault(m);
          if (dto.name !== undefined) c.name = dto.name.trim();
          if (dto.timeZone !== undefined) c.timeZone = dto.timeZone;
          if (dto.weekly !== undefined) c.weekly = toWeekly(dto.weekly);
          if (dto.makeupIntervals !== undefined) c.makeupIntervals = dto.makeupIntervals;
          if (dto.officialHolidays !== undefined) c.officialHolidays = dto.officialHolidays;
          if (dto.isDefault !== undefined) c.isDefault = dto.isDefault;
        },
        m,
      ),
    );
    return toResponse(saved);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (c) => {
      if (c.isDefault) throw this.defaultNeeded();
    });
  }

  /** The days of `from`…`to` that differ from their weekday: official ones (when the calendar uses them) and its own. */
  async days(id: string, from: string, to: string): Promise<CalendarDayList> {
    const calendar = await this.store.get(null, id);
    if (to < from || DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days > MAX_RANGE_DAYS) {
      throw badRequest(BusinessCalendarErrorCode.BUSINESS_CALENDAR_RANGE_TOO_LONG, 'to', `to must be on or after from, at most ${MAX_RANGE_DAYS} days later`, {
        params: { max: MAX_RANGE_DAYS },
      });
    }
    const own = await this.ds.getRepository(BusinessCalendarDay).find({ where: { calendarId: id, date: Between(from, to) } });
    const byDate = new Map<string, CalendarDayResponse>();
    if (calendar.officialHolidays === 'CN') {
      for (const d of officialChinaDayList()) {
        if (d.date >= from && d.date <= to) byDate.set(d.date, { date: d.date, kind: d.kind, name: d.nameZh, nameEn: d.nameEn, intervals: null, source: 'official' });
      }
    }
    for (const d of own) byDate.set(d.date, { date: d.date, kind: d.kind, name: d.name, nameEn: null, intervals: d.intervals, source: 'custom' });
    return { data: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) };
  }

  /** Sets the calendar's own day (a day off, or a working day with its intervals), overriding an official one. */
  async putDay(actor: AuthUser, id: string, date: string, dto: PutCalendarDayDto): Promise<CalendarDayResponse> {
    if (!DateTime.fromISO(date).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw badRequest('INVALID_VALUE', 'date', 'date must be YYYY-MM-DD');
    const intervals = dto.kind === 'workday' ? (dto.intervals ?? null) : null;
    if (intervals) this.checkIntervals(intervals, 'intervals');
    await this.ds.transaction(async (m) => {
      await this.store.get(null, id, m, { lock: true });
      const repo = m.getRepository(BusinessCalendarDay);
      const before = await repo.findOneBy({ calendarId: id, date });
      await repo.upsert({ calendarId: id, date, kind: dto.kind, name: dto.name?.trim() || null, intervals }, ['calendarId', 'date']);
      await this.audit.record(m, actor, 'putDay', 'business_calendar', id, [
        { field: 'day', old: before ? `${date} ${before.kind}` : null, new: `${date} ${dto.kind}${dto.name ? ` ${dto.name}` : ''}` },
      ]);
    });
    return { date, kind: dto.kind, name: dto.name?.trim() || null, nameEn: null, intervals, source: 'custom' };
  }

  /** Removes the calendar's own day (the official one of that date, if any, applies again). */
  async removeDay(actor: AuthUser, id: string, date: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.store.get(null, id, m, { lock: true });
      const repo = m.getRepository(BusinessCalendarDay);
      const before = await repo.findOneBy({ calendarId: id, date });
      if (!before) throw notFound('business_calendar_day');
      await repo.delete({ calendarId: id, date });
      await this.audit.record(m, actor, 'removeDay', 'business_calendar', id, [{ field: 'day', old: `${date} ${before.kind}`, new: null }]);
    });
  }

  /** The moment `minutes` of working time after `from` in the calendar (a preview of an SLA target). */
  async due(id: string, from: string, minutes: number): Promise<DueResponse> {
    const spec = await this.specFor(id);
    const start = new Date(from);
    return { from: start, minutes, due: this.safely(() => addBusinessMinutes(start, minutes, spec)) };
  }

  /** The calendar as pure data for business-time arithmetic: the default one when `id` is null. */
  async specFor(id: string | null, m: EntityManager = this.ds.manager): Promise<CalendarSpec> {
    const calendar = id
      ? await this.store.get(null, id, m)
      : await this.store.query(null, m).andWhere('c.is_default').getOne();
    if (!calendar) throw notFound('business_calendar');
    const days = new Map<string, DayOverride>();
    if (calendar.officialHolidays === 'CN') for (const d of officialChinaDayList()) days.set(d.date, { kind: d.kind });
    for (const d of await m.getRepository(BusinessCalendarDay).findBy({ calendarId: calendar.id })) days.set(d.date, { kind: d.kind, intervals: d.intervals });
    return { timeZone: calendar.timeZone, weekly: calendar.weekly, days, makeupIntervals: calendar.makeupIntervals ?? undefined };
  }

  /** A due time in working time with the clock stopped during `pauses` (null while paused). */
  async dueAt(calendarId: string | null, start: Date, minutes: number, pauses: Pause[] = [], m?: EntityManager): Promise<Date | null> {
    const spec = await this.specFor(calendarId, m);
    return this.safely(() => dueWithPauses(start, minutes, pauses, spec));
  }

  // ---- rules ----

  private safely<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof EmptyCalendarError) {
        throw conflict(BusinessCalendarErrorCode.BUSINESS_CALENDAR_NO_WORKING_TIME, 'The calendar has no working time: give it working intervals.');
      }
      throw e;
    }
  }

  private check(dto: UpdateBusinessCalendarDto): void {
    if (dto.timeZone !== undefined && !validZone(dto.timeZone)) {
      throw badRequest(BusinessCalendarErrorCode.BUSINESS_CALENDAR_INVALID_TIME_ZONE, 'timeZone', `${dto.timeZone} is not an IANA time zone`);
    }
    if (dto.weekly) {
      for (const d of WEEKDAYS) this.checkIntervals(dto.weekly[d] ?? [], `weekly.${d}`);
      if (!WEEKDAYS.some((d) => dto.weekly![d]?.length)) {
        throw badRequest(BusinessCalendarErrorCode.BUSINESS_CALENDAR_NO_WORKING_TIME, 'weekly', 'A calendar needs working time on at least one weekday');
      }
    }
    if (dto.makeupIntervals) this.checkIntervals(dto.makeupIntervals, 'makeupIntervals');
  }

  private checkIntervals(intervals: WorkInterval[], field: string): void {
    const problem = intervalProblem(intervals);
    if (problem) throw badRequest(BusinessCalendarErrorCode.BUSINESS_CALENDAR_INVALID_INTERVALS, field, `${field}: ${problem}`);
  }

  private async clearDefault(m: EntityManager): Promise<void> {
    await m.query(`UPDATE business_calendars SET is_default = false, version = version + 1, updated_at = now() WHERE is_default AND deleted_at IS NULL`);
  }

  private defaultNeeded() {
    return conflict(BusinessCalendarErrorCode.BUSINESS_CALENDAR_DEFAULT, 'One calendar is always the default: make another one the default first.');
  }
}

function toResponse(c: BusinessCalendar): BusinessCalendarResponse {
  return {
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    weekly: fromWeekly(c.weekly),
    makeupIntervals: c.makeupIntervals,
    officialHolidays: c.officialHolidays,
    isDefault: c.isDefault,
    weeklyHours: hoursOf(c.weekly),
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
