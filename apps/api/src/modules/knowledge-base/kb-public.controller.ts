import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { RateLimit } from '@core/ratelimit/rate-limit';
import { PublicKbArticle, PublicKbArticlePage, PublicKbQueryDto } from './dto/kb-article.dto';
import { KbArticlesService } from './kb-articles.service';

/** The help center: published public articles, no login, rate limited per IP. */
@ApiTags('public')
@Controller('public/kb/articles')
export class KbPublicController {
  constructor(private readonly articles: KbArticlesService) {}

  /** Published public articles, searchable like the internal list (help center) */
  @Public()
  @RateLimit('public')
  @Get()
  @ApiProblems(400, 429)
  list(@Query() query: PublicKbQueryDto): Promise<PublicKbArticlePage> {
    return this.articles.publicList(query);
  }

  /** A published public article (404 for internal, draft or archived ones); counts a view */
  @Public()
  @RateLimit('public')
  @Get(':id')
  @ApiProblems(404, 429)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PublicKbArticle> {
    return this.articles.publicGet(id);
  }
}
