import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';
import { LEAD_SOURCES } from '../lead.entity';

export class CreateLeadAssignmentRuleDto {
  /** @example 华东网站线索 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Evaluation order, ascending; the first matching rule assigns. @example 10 */
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ enum: LEAD_SOURCES, isArray: true, required: false, example: ['web', 'campaign'], description: 'Sources to match; empty = any' })
  @IsOptional()
  @IsArray()
  @IsIn(LEAD_SOURCES, { each: true })
  sources?: string[];

  /** Provinces to match; empty = any. @example ["上海市", "浙江省", "江苏省"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  provinces?: string[];

  /** Cities to match; empty = any. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  cities?: string[];

  /** Users receiving matching leads in turn. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class UpdateLeadAssignmentRuleDto extends PartialType(CreateLeadAssignmentRuleDto) {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryLeadAssignmentRulesDto extends ListQueryDto {}

export class LeadAssignmentRuleResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  position: number;
  active: boolean;
  sources: string[];
  provinces: string[];
  cities: string[];
  @ApiProperty({ type: [String], format: 'uuid' })
  userIds: string[];
  /** Who receives the next matching lead. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  nextUserId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class LeadAssignmentRulePage {
  @ApiProperty({ type: [LeadAssignmentRuleResponse] })
  data: LeadAssignmentRuleResponse[];
  nextCursor: string | null;
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}
