import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreateKbCategoryDto, KbCategoryList, KbCategoryResponse, UpdateKbCategoryDto } from './dto/kb-category.dto';
import { KbCategoriesService } from './kb-categories.service';

@ApiTags('knowledge-base')
@ApiBearerAuth()
@Controller('kb/categories')
export class KbCategoriesController {
  constructor(private readonly categories: KbCategoriesService) {}

  /** The knowledge base category tree, flattened depth-first with each node's depth and article count */
  @Get()
  @RequirePermission('knowledge', 'read')
  @ApiProblems(401, 403)
  list(): Promise<KbCategoryList> {
    return this.categories.list();
  }

  /** Create a category (under `parentId`, or at the top) */
  @Post()
  @RequirePermission('knowledge', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateKbCategoryDto): Promise<KbCategoryResponse> {
    return this.categories.create(user, dto);
  }

  /** Rename, reorder or move a category (never below itself: 400 KB_CATEGORY_CYCLE) */
  @Patch(':id')
  @RequirePermission('knowledge', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateKbCategoryDto, @IfMatchVersion() ifMatch?: number): Promise<KbCategoryResponse> {
    return this.categories.update(user, id, dto, ifMatch);
  }

  /** Delete an empty category; 409 KB_CATEGORY_IN_USE (with `related` counts) while it holds articles or sub-categories */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('knowledge', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.categories.remove(user, id, ifMatch);
  }
}
