import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class WorkIntervalDto {
  /** Local start time `HH:mm`. @example 09:00 */
  @Matches(HHMM, { message: 'start must be HH:mm' })
  start: string;

  /** Local end time `HH:mm` (`24:00` = midnight), after the start. @example 12:00 */
  @Matches(HHMM, { message: 'end must be HH:mm' })
  end: string;
}

/** Working intervals per weekday, in order and not overlapping; an empty list is a day off. */
export class WeeklyScheduleDto {
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  mon: WorkIntervalDto[];
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  tue: WorkIntervalDto[];
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  wed: WorkIntervalDto[];
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  thu: WorkIntervalDto[];
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  fri: WorkIntervalDto[];
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  sat: WorkIntervalDto[];
  @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto)
  sun: WorkIntervalDto[];
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export class CreateBusinessCalendarDto {
  /** @example 上海客服中心 Shanghai service desk */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** IANA time zone. @example Asia/Shanghai */
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  weekly: WeeklyScheduleDto;

  /** Intervals of a make-up working day (调休) that names none; absent: Monday's. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => WorkIntervalDto)
  makeupIntervals?: WorkIntervalDto[] | null;

  /** `CN`: China's official holidays and make-up working days apply; null: only the calendar's own days. */
  @ApiProperty({ enum: ['CN'], nullable: true, required: false, example: 'CN' })
  @IsOptional()
  @IsIn(['CN'])
  officialHolidays?: 'CN' | null;

  /** The calendar service levels use unless they name another (exactly one is the default). */
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class UpdateBusinessCalendarDto extends PartialType(CreateBusinessCalendarDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  version?: number;
}

export class BusinessCalendarResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  timeZone: string;
  weekly: WeeklyScheduleDto;
  @ApiProperty({ type: [WorkIntervalDto], nullable: true })
  makeupIntervals: WorkIntervalDto[] | null;
  @ApiProperty({ enum: ['CN'], nullable: true, type: String })
  officialHolidays: 'CN' | null;
  isDefault: boolean;
  /** Working hours in a plain week. @example 40 */
  weeklyHours: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class BusinessCalendarList {
  @ApiProperty({ type: [BusinessCalendarResponse] })
  data: BusinessCalendarResponse[];
}

export class PutCalendarDayDto {
  /** A day off, or a working day. */
  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'])
  kind: 'holiday' | 'workday';

  /** @example 公司年会 Company party */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string | null;

  /** A working day's intervals; absent: the calendar's make-up intervals. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => WorkIntervalDto)
  intervals?: WorkIntervalDto[] | null;
}

export class CalendarDaysQueryDto {
  /** First date (`YYYY-MM-DD`). @example 2026-01-01 */
  @IsDateString({ strict: true })
  from: string;

  /** Last date, at most 400 days after `from`. @example 2026-12-31 */
  @IsDateString({ strict: true })
  to: string;
}

export class CalendarDayResponse {
  /** @example 2026-10-01 */
  date: string;
  @ApiProperty({ enum: ['holiday', 'workday'] })
  kind: 'holiday' | 'workday';
  /** @example 国庆节 */
  name: string | null;
  /** @example National Day */
  nameEn: string | null;
  @ApiProperty({ type: [WorkIntervalDto], nullable: true })
  intervals: WorkIntervalDto[] | null;
  /** `official`: from the holiday package; `custom`: the calendar's own (it overrides an official one). */
  @ApiProperty({ enum: ['official', 'custom'] })
  source: 'official' | 'custom';
}

export class CalendarDayList {
  @ApiProperty({ type: [CalendarDayResponse] })
  data: CalendarDayResponse[];
}

export class DueQueryDto {
  /** When the clock starts (ISO 8601). @example 2026-09-30T17:00:00+08:00 */
  @IsDateString()
  from: string;

  /** Working minutes to add. @example 120 */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(525600)
  minutes: number;
}

export class DueResponse {
  from: Date;
  minutes: number;
  /** The moment the working minutes run out. */
  due: Date;
}
