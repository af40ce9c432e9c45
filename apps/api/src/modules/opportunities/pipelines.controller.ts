import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { PipelinesService } from './pipelines.service';
import {
  CreatePipelineDto,
  CreateStageDto,
  PipelineListResponse,
  PipelineResponse,
  ReorderStagesDto,
  UpdatePipelineDto,
  UpdateStageDto,
} from './dto/pipeline.dto';

// Reading pipelines takes opportunities:read; changing them is configuration (settings:update, admins).
@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  /** Every pipeline with its stages in order */
  @Get()
  @RequirePermission('opportunities', 'read')
  @ApiProblems(401, 403)
  async list(): Promise<PipelineListResponse> {
    return { data: await this.pipelines.list() };
  }

  /** Create a pipeline (stages default to a copy of the default pipeline's) */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePipelineDto): Promise<PipelineResponse> {
    return this.pipelines.create(user, dto);
  }

  /** Get a pipeline with its stages */
  @Get(':id')
  @RequirePermission('opportunities', 'read')
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PipelineResponse> {
    return this.pipelines.get(id);
  }

  /** Rename a pipeline or make it the default */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePipelineDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<PipelineResponse> {
    return this.pipelines.update(user, id, dto, ifMatch);
  }

  /** Delete a pipeline without opportunities (409 PIPELINE_IN_USE with `count`; the default pipeline stays) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.pipelines.remove(user, id);
  }

  /** Add a stage (at `position`, default the end) */
  @Post(':id/stages')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404)
  addStage(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateStageDto): Promise<PipelineResponse> {
    return this.pipelines.addStage(user, id, dto);
  }

  /** Put the stages in a new order (every stage id of the pipeline once) */
  @Put(':id/stages/order')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404)
  reorder(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReorderStagesDto): Promise<PipelineResponse> {
    return this.pipelines.reorder(user, id, dto);
  }

  /** Rename a stage or change its probability, kind or forecast category (opportunities following its probability take the new one) */
  @Patch(':id/stages/:stageId')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404)
  updateStage(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('stageId', ParseUUIDPipe) stageId: string,
    @Body() dto: UpdateStageDto,
  ): Promise<PipelineResponse> {
    return this.pipelines.updateStage(user, id, stageId, dto);
  }

  /** Remove a stage no opportunity sits in (409 PIPELINE_STAGE_IN_USE with `count` otherwise) */
  @Delete(':id/stages/:stageId')
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 409)
  removeStage(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('stageId', ParseUUIDPipe) stageId: string,
  ): Promise<PipelineResponse> {
    return this.pipelines.removeStage(user, id, stageId);
  }
}
