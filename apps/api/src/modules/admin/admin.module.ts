import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './departments/department.entity';
import { Role } from './roles/role.entity';
import { User } from './users/user.entity';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsService } from './departments/departments.service';
import { PermissionCatalogController, RolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';
import { UsersController } from './users/users.controller';
import { UsersHomeController } from './users/users-home.controller';
import { UsersService } from './users/users.service';
import { UserSessionsService } from './users/user-sessions.service';
import { FirstStartService } from './bootstrap/first-start.service';
import { DemoDataService } from './bootstrap/demo-data.service';

/** Users, departments, roles and the first-start bootstrap. */
@Module({
  imports: [TypeOrmModule.forFeature([User, Department, Role])],
  controllers: [UsersController, UsersHomeController, DepartmentsController, RolesController, PermissionCatalogController],
  providers: [UsersService, UserSessionsService, DepartmentsService, RolesService, FirstStartService, DemoDataService],
  exports: [UsersService, UserSessionsService, RolesService, DepartmentsService, FirstStartService, DemoDataService],
})
export class AdminModule {}
