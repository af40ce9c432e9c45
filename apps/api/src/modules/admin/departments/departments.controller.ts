import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateDepartmentDto,
  DepartmentPage,
  DepartmentResponse,
  DepartmentTreeNode,
  QueryDepartmentsDto,
  UpdateDepartmentDto,
} from './dto/department.dto';
import { DepartmentsService } from './departments.service';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  /** List departments (flat) */
  @Get()
  @RequirePermission('departments', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryDepartmentsDto): Promise<DepartmentPage> {
    return this.departments.list(user, query);
  }

  /** The whole department tree with user counts */
  @Get('tree')
  @RequirePermission('departments', 'read')
  @ApiProblems(401, 403)
  tree(): Promise<DepartmentTreeNode[]> {
    return this.departments.tree();
  }

  /** Create a department */
  @Post()
  @RequirePermission('departments', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    return this.departments.create(user, dto);
  }

  /** Get a department */
  @Get(':id')
  @RequirePermission('departments', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DepartmentResponse> {
    return this.departments.get(user, id);
  }

  /** Rename or move a department (moving under its own descendant answers 409) */
  @Patch(':id')
  @RequirePermission('departments', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateDepartmentDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<DepartmentResponse> {
    return this.departments.update(user, id, dto, ifMatch);
  }

  /** Soft-delete an empty department */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('departments', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<void> {
    return this.departments.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted department (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('departments', 'update')
  @ApiProblems(401, 403, 404, 409)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DepartmentResponse> {
    return this.departments.restore(user, id);
  }
}
