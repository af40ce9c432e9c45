import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  DATA_SCOPES,
  MODULE_GROUPS,
  PERMISSION_ACTIONS,
  PERMISSION_MODULES,
  SPECIAL_PERMISSIONS,
} from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { PermissionCatalog } from '@core/access/permission-catalog';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateRoleDto,
  PermissionCatalogResponse,
  QueryRolesDto,
  RolePage,
  RoleResponse,
  UpdateRoleDto,
} from './dto/role.dto';
import { RolesService } from './roles.service';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  /** List roles */
  @Get()
  @RequirePermission('roles', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryRolesDto): Promise<RolePage> {
    return this.roles.list(user, query);
  }

  /** Create a role with its permission matrix */
  @Post()
  @RequirePermission('roles', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoleDto): Promise<RoleResponse> {
    return this.roles.create(user, dto);
  }

  /** Get a role */
  @Get(':id')
  @RequirePermission('roles', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RoleResponse> {
    return this.roles.get(user, id);
  }

  /** Change a role's name, description or permissions */
  @Patch(':id')
  @RequirePermission('roles', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRoleDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<RoleResponse> {
    return this.roles.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a custom role nobody holds */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('roles', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<void> {
    return this.roles.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted role (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('roles', 'update')
  @ApiProblems(401, 403, 404, 409)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RoleResponse> {
    return this.roles.restore(user, id);
  }
}

@ApiTags('roles')
@ApiBearerAuth()
@Controller('meta')
export class PermissionCatalogController {
  constructor(private readonly catalog: PermissionCatalog) {}

  /** The permission catalog: modules (built-in and custom modules), actions, scopes and special permissions */
  @Get('permissions')
  @ApiProblems(401)
  async permissions(): Promise<PermissionCatalogResponse> {
    const objects = await this.catalog.dynamicModules();
    return {
      modules: [...PERMISSION_MODULES, ...objects.map((o) => o.module)],
      objects,
      actions: [...PERMISSION_ACTIONS],
      scopes: [...DATA_SCOPES],
      specialPermissions: [...SPECIAL_PERMISSIONS],
      groups: { ...MODULE_GROUPS, custom: objects.map((o) => o.module) },
    };
  }
}
