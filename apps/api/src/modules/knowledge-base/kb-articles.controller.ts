import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateKbArticleDto,
  KbArticlePage,
  KbArticleResponse,
  KbPreviewDto,
  KbPreviewResponse,
  KbSuggestion,
  KbSuggestQueryDto,
  KbVersionList,
  KbVersionResponse,
  KbViewResult,
  KbVoteDto,
  KbVoteResult,
  QueryKbArticlesDto,
  UpdateKbArticleDto,
} from './dto/kb-article.dto';
import { KbArticlesService } from './kb-articles.service';
import { KnowledgeBaseService } from './knowledge-base.service';

@ApiTags('knowledge-base')
@ApiBearerAuth()
@Controller('kb')
export class KbArticlesController {
  constructor(
    private readonly articles: KbArticlesService,
    private readonly kb: KnowledgeBaseService,
  ) {}

  /** List or search articles (Chinese and English full-text `q`, ranked with highlighted snippets) */
  @Get('articles')
  @RequirePermission('knowledge', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryKbArticlesDto): Promise<KbArticlePage> {
    return this.articles.list(user, query);
  }

  /** Published articles matching a text (a ticket's subject), best first */
  @Get('suggestions')
  @RequirePermission('knowledge', 'read')
  @ApiProblems(400, 401, 403)
  suggest(@Query() query: KbSuggestQueryDto): Promise<KbSuggestion[]> {
    return this.kb.suggest(query.subject, query.limit);
  }

  /** Render Markdown exactly as an article's `bodyHtml` would be (the editor's preview) */
  @Post('preview')
  @HttpCode(200)
  @RequirePermission('knowledge', 'read')
  @ApiProblems(400, 401, 403)
  preview(@Body() dto: KbPreviewDto): KbPreviewResponse {
    return this.articles.preview(dto.body);
  }

  /** Write an article (draft unless `status` says otherwise) */
  @Post('articles')
  @RequirePermission('knowledge', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateKbArticleDto): Promise<KbArticleResponse> {
    return this.articles.create(user, dto);
  }

  /** An article with its rendered body and your vote */
  @Get('articles/:id')
  @RequirePermission('knowledge', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<KbArticleResponse> {
    return this.articles.get(user, id);
  }

  /** Edit or move the status (409 KB_ILLEGAL_TRANSITION with `allowed`); content changes keep the previous version */
  @Patch('articles/:id')
  @RequirePermission('knowledge', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateKbArticleDto, @IfMatchVersion() ifMatch?: number): Promise<KbArticleResponse> {
    return this.articles.update(user, id, dto, ifMatch);
  }

  /** Delete an article (soft) */
  @Delete('articles/:id')
  @HttpCode(204)
  @RequirePermission('knowledge', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.articles.remove(user, id, ifMatch);
  }

  /** Previous versions of an article, newest first */
  @Get('articles/:id/versions')
  @RequirePermission('knowledge', 'read')
  @ApiProblems(401, 403, 404)
  versions(@Param('id', ParseUUIDPipe) id: string): Promise<KbVersionList> {
    return this.articles.versions(id);
  }

  /** One version with its rendered body (`n` = the article's `revision` gives the current content) */
  @Get('articles/:id/versions/:n')
  @RequirePermission('knowledge', 'read')
  @ApiProblems(400, 401, 403, 404)
  version(@Param('id', ParseUUIDPipe) id: string, @Param('n', ParseIntPipe) n: number): Promise<KbVersionResponse> {
    return this.articles.version(id, n);
  }

  /** Count a view (one UPDATE; the record's version does not move) */
  @Post('articles/:id/view')
  @HttpCode(200)
  @RequirePermission('knowledge', 'read')
  @ApiProblems(401, 403, 404)
  view(@Param('id', ParseUUIDPipe) id: string): Promise<KbViewResult> {
    return this.articles.view(id);
  }

  /** Vote helpful or not (one vote per user; voting again moves it) */
  @Post('articles/:id/vote')
  @HttpCode(200)
  @RequirePermission('knowledge', 'read')
  @ApiProblems(400, 401, 403, 404)
  vote(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: KbVoteDto): Promise<KbVoteResult> {
    return this.articles.vote(user, id, dto.helpful);
  }

  /** Take your vote back */
  @Delete('articles/:id/vote')
  @RequirePermission('knowledge', 'read')
  @ApiProblems(401, 403, 404)
  unvote(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<KbVoteResult> {
    return this.articles.vote(user, id, null);
  }
}
