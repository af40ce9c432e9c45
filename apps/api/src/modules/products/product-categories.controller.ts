import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreateProductCategoryDto, ProductCategoryList, ProductCategoryResponse, UpdateProductCategoryDto } from './dto/product-category.dto';
import { ProductCategoriesService } from './product-categories.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('product-categories')
export class ProductCategoriesController {
  constructor(private readonly categories: ProductCategoriesService) {}

  /** The product category tree, flattened depth-first with each node's depth and product count */
  @Get()
  @RequirePermission('products', 'read')
  @ApiProblems(401, 403)
  list(): Promise<ProductCategoryList> {
    return this.categories.list();
  }

  /** Create a category (under `parentId`, or at the top) */
  @Post()
  @RequirePermission('products', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProductCategoryDto): Promise<ProductCategoryResponse> {
    return this.categories.create(user, dto);
  }

  /** Rename, reorder or move a category (never below itself: 400 PRODUCT_CATEGORY_CYCLE) */
  @Patch(':id')
  @RequirePermission('products', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProductCategoryDto, @IfMatchVersion() ifMatch?: number): Promise<ProductCategoryResponse> {
    return this.categories.update(user, id, dto, ifMatch);
  }

  /** Delete an empty category; 409 PRODUCT_CATEGORY_IN_USE while it holds products or sub-categories */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('products', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.categories.remove(user, id, ifMatch);
  }
}
