import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { UsersByDepartmentRow } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('home')
@ApiBearerAuth()
@Controller('home')
export class UsersHomeController {
  constructor(private readonly users: UsersService) {}

  /** Active users in your scope counted per department, with the department's name */
  @Get('users-by-department')
  @RequirePermission('users', 'read')
  @ApiProblems(401, 403)
  usersByDepartment(@CurrentUser() user: AuthUser): Promise<UsersByDepartmentRow[]> {
    return this.users.activeByDepartment(user);
  }
}
