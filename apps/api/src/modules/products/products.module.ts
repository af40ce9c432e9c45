import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductCategoriesController } from './product-categories.controller';
import { ProductCategoriesService } from './product-categories.service';
import { ProductCategory } from './product-category.entity';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { ProductsDemoSeeder } from './products.demo';
import { ProductsService } from './products.service';

/** Products (产品) and their category tree: the company catalogue quotes draw their lines from. */
@Module({
  imports: [TypeOrmModule.forFeature([Product, ProductCategory])],
  controllers: [ProductsController, ProductCategoriesController],
  providers: [ProductsService, ProductCategoriesService, ProductsDemoSeeder],
  exports: [ProductsService],
})
export class ProductsModule {}
