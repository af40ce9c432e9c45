import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreateUserDto, DirectoryEntry, DirectoryQueryDto, QueryUsersDto, ResetPasswordDto, UpdateUserDto, UserPage, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** List users (filter, search, sort, keyset pages) */
  @Get()
  @RequirePermission('users', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryUsersDto): Promise<UserPage> {
    return this.users.list(user, query);
  }

  /** Create a user */
  @Post()
  @RequirePermission('users', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(user, dto);
  }

  /** Active colleagues by name, for user pickers (any signed-in user; no contact details) */
  @Get('directory')
  @ApiProblems(400, 401)
  directory(@Query() query: DirectoryQueryDto): Promise<DirectoryEntry[]> {
    return this.users.directory(query.q, query.limit);
  }

  /** Get a user */
  @Get(':id')
  @RequirePermission('users', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.get(user, id);
  }

  /** Update a user (deactivate with `active: false`) */
  @Patch(':id')
  @RequirePermission('users', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<UserResponse> {
    return this.users.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a user */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('users', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<void> {
    return this.users.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted user (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('users', 'update')
  @ApiProblems(401, 403, 404, 409)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.restore(user, id);
  }

  /** Set a new password for a user (they must change it at their next login unless `mustChangePassword` is false); ends the user's sessions */
  @Post(':id/reset-password')
  @HttpCode(204)
  @RequirePermission('users', 'update')
  @ApiProblems(400, 401, 403, 404)
  resetPassword(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.users.resetPassword(user, id, dto.password, dto.mustChangePassword ?? true);
  }
}
