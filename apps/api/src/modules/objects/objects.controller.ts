import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { CustomFieldResponse } from '@core/custom-fields/dto/custom-field.dto';
import { ApiProblems } from '@core/http/api-problems';
import { CreateObjectDto, ObjectFieldDto, ObjectResponse, UpdateObjectDto, UpdateObjectFieldDto } from './dto/object.dto';
import { ObjectsService } from './objects.service';

@ApiTags('custom-modules')
@ApiBearerAuth()
@Controller('objects')
export class ObjectsController {
  constructor(private readonly objects: ObjectsService) {}

  /** Custom modules you may read (all of them for settings readers), with their fields: the menu and the admin page */
  @Get()
  @ApiProblems(401)
  list(@CurrentUser() user: AuthUser): Promise<ObjectResponse[]> {
    return this.objects.list(user);
  }

  /** Define a custom module and its fields (settings:update); 422 OBJECT_LIMIT past 50 modules, 409 when the key is taken */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 409, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateObjectDto): Promise<ObjectResponse> {
    return this.objects.create(user, dto);
  }

  /** A custom module with its fields */
  @Get(':object')
  @ApiProblems(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('object') key: string): Promise<ObjectResponse> {
    return this.objects.get(user, key);
  }

  /** Rename a custom module or change its icon */
  @Patch(':object')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(@CurrentUser() user: AuthUser, @Param('object') key: string, @Body() dto: UpdateObjectDto, @IfMatchVersion() ifMatch?: number): Promise<ObjectResponse> {
    return this.objects.update(user, key, dto, ifMatch);
  }

  /** Delete a custom module: it leaves the menu and the role matrix; its records stay in the database */
  @Delete(':object')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('object') key: string): Promise<void> {
    return this.objects.remove(user, key);
  }

  /** Add a field (a custom field of kind obj.<key>: same types, validation and limits) */
  @Post(':object/fields')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 422)
  addField(@CurrentUser() user: AuthUser, @Param('object') key: string, @Body() dto: ObjectFieldDto): Promise<CustomFieldResponse> {
    return this.objects.addField(user, key, dto);
  }

  /** Change a field; a type change converts the stored values or answers 422 with a sample */
  @Patch(':object/fields/:id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412, 422)
  updateField(
    @CurrentUser() user: AuthUser,
    @Param('object') key: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateObjectFieldDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<CustomFieldResponse> {
    return this.objects.updateField(user, key, id, dto, ifMatch);
  }

  /** Delete a field (values kept until purged through /custom-fields/{id}/purge) */
  @Delete(':object/fields/:id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  removeField(@CurrentUser() user: AuthUser, @Param('object') key: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.objects.removeField(user, key, id);
  }
}
