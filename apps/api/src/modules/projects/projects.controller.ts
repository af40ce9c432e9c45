import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import {
  CreateMilestoneDto,
  CreateProjectDto,
  ExportProjectsDto,
  ProjectPage,
  ProjectResponse,
  ProjectSummaryResponse,
  QueryProjectsDto,
  UpdateMilestoneDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { ProjectBulkService } from './project-bulk.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly bulkActions: ProjectBulkService,
  ) {}

  /** List the projects you see (owner in your data scope, or you are a member), with progress; filter, search number and name, sort */
  @Get()
  @RequirePermission('projects', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryProjectsDto): Promise<ProjectPage> {
    return this.projects.list(user, query);
  }

  /** Create a project of an account and/or a contract you can read (422 otherwise); the number comes from the project sequence */
  @Post()
  @RequirePermission('projects', 'create')
  @ApiProblems(400, 401, 403, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProjectDto): Promise<ProjectResponse> {
    return this.projects.create(user, dto);
  }

  /** Run one action (changeStatus, delete) on up to 200 projects: one result per id (403 PROJECT_MEMBER_ONLY for a member's delete, 404/412 per record) */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('projects', 'read')
  @ApiProblems(400, 401, 403)
  bulk(@CurrentUser() user: AuthUser, @Body() dto: BulkActionDto): Promise<BulkResponseDto> {
    return this.bulkActions.run(user, dto);
  }

  /** Download the projects matching the filters you may see, as CSV (UTF-8 with BOM) or XLSX */
  @Get('export')
  @RequirePermission('projects', 'export')
  @ApiCsvExport()
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportProjectsDto, @Res() res: Response, @Headers('accept-language') acceptLanguage?: string): Promise<void> {
    return this.projects.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get a project with its members, milestones and progress */
  @Get(':id')
  @RequirePermission('projects', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectResponse> {
    return this.projects.get(user, id);
  }

  /** Update a project (status, dates, members, owner, account, contract) */
  @Patch(':id')
  @RequirePermission('projects', 'update')
  @ApiProblems(400, 401, 403, 404, 412, 422)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProjectDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProjectResponse> {
    return this.projects.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a project */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('projects', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.projects.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted project (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('projects', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectSummaryResponse> {
    return this.projects.restore(user, id);
  }

  /** Add a milestone (at `position`, else last); the project's version moves */
  @Post(':id/milestones')
  @RequirePermission('projects', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  addMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateMilestoneDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProjectResponse> {
    return this.projects.addMilestone(user, id, dto, ifMatch);
  }

  /** Change a milestone: name, due date, reached (`done`), place in the list */
  @Patch(':id/milestones/:milestoneId')
  @RequirePermission('projects', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  updateMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() dto: UpdateMilestoneDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProjectResponse> {
    return this.projects.updateMilestone(user, id, milestoneId, dto, ifMatch);
  }

  /** Remove a milestone */
  @Delete(':id/milestones/:milestoneId')
  @RequirePermission('projects', 'update')
  @ApiProblems(401, 403, 404, 412)
  removeMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProjectResponse> {
    return this.projects.removeMilestone(user, id, milestoneId, ifMatch);
  }
}
