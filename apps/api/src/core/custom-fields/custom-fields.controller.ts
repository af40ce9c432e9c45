import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '../auth/decorators';
import { ApiProblems } from '../http/api-problems';
import { CreateCustomFieldDto, CustomFieldResponse, PurgeCustomFieldResponse, QueryCustomFieldsDto, UpdateCustomFieldDto } from './dto/custom-field.dto';
import { CustomFieldsService } from './custom-fields.service';

@ApiTags('custom-fields')
@ApiBearerAuth()
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  /** Custom fields of a record kind, by position (readers of the kind and settings readers) */
  @Get()
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() q: QueryCustomFieldsDto): Promise<CustomFieldResponse[]> {
    return this.fields.list(user, q.kind, q.deleted === true);
  }

  /** Define a custom field (settings:update); 422 CUSTOM_FIELD_LIMIT past 200 per kind, 409 when the key is taken */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 409, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCustomFieldDto): Promise<CustomFieldResponse> {
    return this.fields.create(user, dto);
  }

  /** A custom field */
  @Get(':id')
  @ApiProblems(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CustomFieldResponse> {
    return this.fields.get(user, id);
  }

  /** Change a custom field; a type change converts the stored values or answers 422 CUSTOM_FIELD_TYPE_CHANGE with a sample */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412, 422)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCustomFieldDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<CustomFieldResponse> {
    return this.fields.update(user, id, dto, ifMatch);
  }

  /** Delete a custom field: it leaves forms, lists and files; the values stay in the records until purged */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.fields.remove(user, id);
  }

  /** Remove a deleted field's values from every record, and the field for good (409 for a live field) */
  @Post(':id/purge')
  @HttpCode(200)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 409)
  purge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PurgeCustomFieldResponse> {
    return this.fields.purge(user, id);
  }
}
