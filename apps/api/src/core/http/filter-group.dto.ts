import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FILTER_OPERATORS, type FilterOperator } from '@keyuan/shared';

/**
 * The product's one filter model (libs/shared `FilterGroup`) as a request body: saved views, approval-flow
 * conditions and workflow-rule conditions all take it; each checks the fields against its record kind.
 */
export class FilterConditionDto {
  /** The record's field (API name). @example lastActivityAt */
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  field: string;

  @ApiProperty({ enum: FILTER_OPERATORS, example: 'olderThanDays' })
  @IsIn(FILTER_OPERATORS)
  op: FilterOperator;

  @ApiProperty({
    description: 'Absent for isEmpty / isNotEmpty / changed; an array for in / notIn / between; a number of days for olderThanDays / withinNextDays',
    required: false,
    nullable: true,
    oneOf: [{ type: 'string' }, { type: 'number', format: 'double' }, { type: 'boolean' }, { type: 'array', items: {} }],
    example: 30,
  })
  @IsOptional()
  value?: unknown;
}

export class FilterGroupDto {
  @ApiProperty({ enum: ['all', 'any'], example: 'all' })
  @IsIn(['all', 'any'])
  match: 'all' | 'any';

  @ApiProperty({ type: [FilterConditionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FilterConditionDto)
  conditions: FilterConditionDto[];
}
