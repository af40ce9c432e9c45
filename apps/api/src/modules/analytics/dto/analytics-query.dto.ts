import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDateOnly } from '@core/http/validators';

/** The filters every analytics figure takes. */
export class AnalyticsQueryDto {
  /** First day of the period (default: the first day of the month 11 months ago). @example "2026-01-01" */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Last day of the period (default: today, business time zone). @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  /** Only this owner's records. @example "3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a10" */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only records of this department and its sub-departments. @example "3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a11" */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Only opportunities of this pipeline (the funnel: the default pipeline when not given). @example "3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a12" */
  @IsOptional()
  @IsUUID()
  pipelineId?: string;
}

export class ForecastQueryDto extends AnalyticsQueryDto {
  /** Months or quarters (6 months either way). @example month */
  @ApiProperty({ enum: ['month', 'quarter'], required: false })
  @IsOptional()
  @IsIn(['month', 'quarter'])
  interval?: 'month' | 'quarter';
}

export class StatisticalForecastQueryDto extends AnalyticsQueryDto {
  /** The monthly history forecast: won opportunity amounts or payments received. @example payments */
  @ApiProperty({ enum: ['won', 'payments'], required: false })
  @IsOptional()
  @IsIn(['won', 'payments'])
  series?: 'won' | 'payments';
}

/** The period, filters and churn threshold of an RFM computation (also what apply-grades grades). */
export class CustomerValueReportQueryDto extends AnalyticsQueryDto {
  /** An account without a follow-up for this many days is a churn risk (default 60). @example 60 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  idleDays?: number;
}

export class CustomerValueQueryDto extends CustomerValueReportQueryDto {
  /**
   * Most accounts in `accounts` (default 1,000): beyond it an even sample along the grade order, so a scatter
   * keeps its shape; `grades` and `accountsTotal` count every account. @example 1000
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20000)
  limit?: number;
}

export class ApplyGradesDto {
  /** Only these accounts (default: every graded account in scope). @example ["3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a13"] */
  @IsOptional()
  @IsUUID('all', { each: true })
  accountIds?: string[];

  /** Also write grades over a level set by hand (default true). @example true */
  @IsOptional()
  @IsBoolean()
  overwrite?: boolean;
}
