import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreateTaskDto, MyTasksQueryDto, MyTasksResponse, QueryTasksDto, TaskPage, TaskResponse, UpdateTaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** List tasks of assignees in your data scope (filter, search the title, sort, keyset pages) */
  @Get()
  @RequirePermission('tasks', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryTasksDto): Promise<TaskPage> {
    return this.tasks.list(user, query);
  }

  /** Your open tasks: overdue, due today (business time zone) and in the next 7 days, with counts */
  @Get('my')
  @RequirePermission('tasks', 'read')
  @ApiProblems(400, 401, 403)
  my(@CurrentUser() user: AuthUser, @Query() query: MyTasksQueryDto): Promise<MyTasksResponse> {
    return this.tasks.my(user, query.limit);
  }

  /** Create a task for you or someone in your scope, optionally about a lead, account or contact you can read */
  @Post()
  @RequirePermission('tasks', 'create')
  @ApiProblems(400, 401, 403, 404)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTaskDto): Promise<TaskResponse> {
    return this.tasks.create(user, dto);
  }

  /** Get a task */
  @Get(':id')
  @RequirePermission('tasks', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TaskResponse> {
    return this.tasks.get(user, id);
  }

  /** Update a task (status `done` sets `completedAt`; a new `remindAt` re-arms the reminder) */
  @Patch(':id')
  @RequirePermission('tasks', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTaskDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<TaskResponse> {
    return this.tasks.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a task */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tasks', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.tasks.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted task (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('tasks', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TaskResponse> {
    return this.tasks.restore(user, id);
  }
}
