import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { FORECAST_CATEGORIES, STAGE_KINDS, type ForecastCategory, type StageKind } from '@keyuan/shared';
import { Trim } from '@core/http/validators';

export class CreateStageDto {
  /** Name in Chinese. @example 方案报价 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameZh: string;

  /** Name in English. @example Proposal */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameEn: string;

  /** Win probability in percent (0..100) an opportunity takes on entering the stage. @example 50 */
  @IsInt()
  @Min(0)
  @Max(100)
  probability: number;

  /** `open` (default), `won` or `lost`: entering a won or lost stage closes the opportunity. */
  @ApiProperty({ enum: STAGE_KINDS, required: false, example: 'open' })
  @IsOptional()
  @IsIn(STAGE_KINDS)
  kind?: StageKind;

  /** The forecast category the stage implies (default `pipeline`; won stages `closed`, lost ones `omitted`). */
  @ApiProperty({ enum: FORECAST_CATEGORIES, required: false, example: 'best_case' })
  @IsOptional()
  @IsIn(FORECAST_CATEGORIES)
  forecastCategory?: ForecastCategory;

  /** Where to insert it (0 = first); default the end. @example 2 */
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateStageDto extends PartialType(OmitType(CreateStageDto, ['position'] as const)) {}

export class ReorderStagesDto {
  /** Every stage id of the pipeline, in the new order. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  stageIds: string[];
}

export class CreatePipelineDto {
  /** @example 续约 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameZh: string;

  /** @example Renewals */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameEn: string;

  /** Its stages in order; default: a copy of the default pipeline's stages. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CreateStageDto)
  stages?: CreateStageDto[];
}

export class UpdatePipelineDto {
  /** @example 续约 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameZh?: string;

  /** @example Renewals */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameEn?: string;

  /** Make it the default pipeline (the previous default stops being one); cannot be set to false. */
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  /** The version you read; a stale one answers 412. @example 1 */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class StageResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  pipelineId: string;
  /** @example 方案报价 */
  nameZh: string;
  /** @example Proposal */
  nameEn: string;
  /** 0-based order in the pipeline. @example 2 */
  position: number;
  /** @example 50 */
  probability: number;
  @ApiProperty({ enum: STAGE_KINDS })
  kind: StageKind;
  @ApiProperty({ enum: FORECAST_CATEGORIES })
  forecastCategory: ForecastCategory;
  /** @example 1 */
  version: number;
}

export class PipelineResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 新业务 */
  nameZh: string;
  /** @example New business */
  nameEn: string;
  /** @example true */
  isDefault: boolean;
  /** @example 0 */
  position: number;
  /** Stages in order. */
  @ApiProperty({ type: [StageResponse] })
  stages: StageResponse[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class PipelineListResponse {
  @ApiProperty({ type: [PipelineResponse] })
  data: PipelineResponse[];
}
