import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { CreateProductDto, ExportProductsDto, ProductPage, ProductResponse, QueryProductsDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** List the product catalogue (search SKU and names, filter by category subtree, active, currency; keyset pages) */
  @Get()
  @RequirePermission('products', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryProductsDto): Promise<ProductPage> {
    return this.products.list(user, query);
  }

  /** Create a product; 409 DUPLICATE (field `sku`) when a live product has the SKU */
  @Post()
  @RequirePermission('products', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProductDto): Promise<ProductResponse> {
    return this.products.create(user, dto);
  }

  /** Download the products matching the filters as CSV (UTF-8 with BOM) or XLSX */
  @Get('export')
  @RequirePermission('products', 'export')
  @ApiCsvExport()
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportProductsDto, @Res() res: Response, @Headers('accept-language') acceptLanguage?: string): Promise<void> {
    return this.products.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get a product */
  @Get(':id')
  @RequirePermission('products', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProductResponse> {
    return this.products.get(user, id);
  }

  /** Update a product (stale version: 412; a SKU taken by another product: 409) */
  @Patch(':id')
  @RequirePermission('products', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProductDto, @IfMatchVersion() ifMatch?: number): Promise<ProductResponse> {
    return this.products.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a product (quotes keep their lines as written) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('products', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.products.remove(user, id, ifMatch);
  }
}
