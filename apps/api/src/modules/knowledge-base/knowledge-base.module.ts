import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { KbArticleQueries } from './kb-article-queries';
import { KbArticle } from './kb-article.entity';
import { KbArticlesController } from './kb-articles.controller';
import { KbArticlesService } from './kb-articles.service';
import { KbCategoriesController } from './kb-categories.controller';
import { KbCategoriesService } from './kb-categories.service';
import { KbCategory } from './kb-category.entity';
import { KbPublicController } from './kb-public.controller';
import { KnowledgeBaseDemoSeeder } from './knowledge-base.demo';
import { KnowledgeBaseService } from './knowledge-base.service';

/** Knowledge base (知识中心): categories, Markdown articles with versions and votes, Chinese + English search, the public help center. */
@Module({
  imports: [TypeOrmModule.forFeature([KbArticle, KbCategory]), AdminModule],
  controllers: [KbCategoriesController, KbArticlesController, KbPublicController],
  providers: [KbCategoriesService, KbArticlesService, KbArticleQueries, KnowledgeBaseService, KnowledgeBaseDemoSeeder],
  exports: [KnowledgeBaseService],
})
export class KnowledgeBaseModule {}
