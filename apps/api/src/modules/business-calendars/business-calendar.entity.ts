import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { WorkInterval } from './business-time';

/** A business calendar (工作日历): when service-level clocks run. */
@Entity('business_calendars')
export class BusinessCalendar extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** IANA time zone of the schedule's wall-clock times. */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  /** Working intervals per ISO weekday, Monday first (7 entries). */
  @Column({ type: 'jsonb' })
  weekly: WorkInterval[][];

  /** Intervals of a make-up working day (调休) that names none; null: Monday's. */
  @Column({ type: 'jsonb', nullable: true })
  makeupIntervals: WorkInterval[] | null;

  /** `CN`: China's official holidays and make-up working days apply (from the `chinese-days` package). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  officialHolidays: 'CN' | null;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}

/** An admin's own day of a calendar: a day off or a working day; it overrides the official one of that date. */
@Entity('business_calendar_days')
export class BusinessCalendarDay {
  @PrimaryColumn({ type: 'uuid' })
  calendarId: string;

  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'holiday' | 'workday';

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ type: 'jsonb', nullable: true })
  intervals: WorkInterval[] | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
