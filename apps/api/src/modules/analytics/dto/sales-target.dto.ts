import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsDecimalString, ToDecimalString } from '@core/http/decimal.validators';
import { ListQueryDto } from '@core/http/list-query.dto';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateSalesTargetDto {
  /** `YYYY-MM`. @example "2026-12" */
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period: string;

  /** The rep's target (give either userId or departmentId). @example "3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a10" */
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** The department's target. @example "3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a11" */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** In the base currency. @example "500000.00" */
  @ToDecimalString()
  @IsDecimalString(16, 2)
  amount: string;
}

export class UpdateSalesTargetDto {
  /** @example "550000.00" */
  @ToDecimalString()
  @IsDecimalString(16, 2)
  amount: string;

  /** The version read (or send If-Match). @example 1 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  version?: number;
}

export class QuerySalesTargetsDto extends ListQueryDto {
  /** @example "2026-12" */
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period?: string;

  /** @example "2026-01" */
  @IsOptional()
  @Matches(PERIOD, { message: 'periodFrom must be YYYY-MM' })
  periodFrom?: string;

  /** @example "2026-12" */
  @IsOptional()
  @Matches(PERIOD, { message: 'periodTo must be YYYY-MM' })
  periodTo?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class SalesTargetResponse {
  id: string;
  /** @example "2026-12" */
  period: string;
  userId: string | null;
  /** @example Li Lei */
  userName: string | null;
  departmentId: string | null;
  /** @example "500000.00" */
  amount: string;
  /** The base currency. @example CNY */
  currency: string;
  /** Won in the period by the user (or the department and below), in the base currency. @example "250000.00" */
  achieved: string;
  /** achieved / amount in percent. @example 50.5 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  attainment: number | null;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class SalesTargetPage {
  data: SalesTargetResponse[];
  nextCursor: string | null;
  /** @example 12 */
  total: number;
}

export class CreateForecastAdjustmentDto {
  /** `YYYY-MM`. @example "2026-12" */
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period: string;

  /** A rep's forecast (give either userId or departmentId). */
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** The team's forecast. @example "3f1c2a64-8a8e-4d0e-9c55-2c1f5b0e7a11" */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** The manager's call, in the base currency. @example "420000.00" */
  @ToDecimalString()
  @IsDecimalString(16, 2)
  amount: string;

  /** Why. @example 两个大单预计月底签约 */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class QueryForecastAdjustmentsDto {
  /** @example "2026-12" */
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class ForecastAdjustmentList {
  data: import('./analytics-response.dto').AdjustmentDto[];
}
