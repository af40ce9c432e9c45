import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';
import { KB_ARTICLE_STATUSES, KB_VISIBILITIES, type KbArticleStatus, type KbVisibility } from '../kb-status';

const trimTags = () => Transform(({ value }) => (Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim() : t)))] : value));

export class CreateKbArticleDto {
  /** @example 如何申请退款 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  /** Markdown. Raw HTML is shown as text; the server renders `bodyHtml`. @example "## 步骤\n1. 打开订单详情…" */
  @IsString()
  @MaxLength(100000)
  body: string;

  /** One or two sentences shown in lists and search results. @example 退款申请的条件、步骤和到账时间。 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  summary?: string | null;

  /** @example ["退款", "财务"] */
  @IsOptional()
  @trimTags()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  /** A node of `/kb/categories`. */
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @ApiProperty({ enum: KB_ARTICLE_STATUSES, required: false, description: 'Initial status (default draft).' })
  @IsOptional()
  @IsIn(KB_ARTICLE_STATUSES)
  status?: KbArticleStatus;

  @ApiProperty({ enum: KB_VISIBILITIES, required: false, description: 'internal: staff only; public: also the help center once published (default internal).' })
  @IsOptional()
  @IsIn(KB_VISIBILITIES)
  visibility?: KbVisibility;
}

export class UpdateKbArticleDto extends PartialType(CreateKbArticleDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryKbArticlesDto extends ListQueryDto {
  /**
   * Full-text search over title, summary and body, Chinese and English: a 2-character Chinese word matches
   * inside longer text, English words match their stems. Without `sort`, results are ranked (title matches first)
   * and carry a highlighted `snippet`.
   * @example 退款
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  /** Sort: `updatedAt`, `title`, `viewCount` (`-` descending). Default `-updatedAt`, or relevance with `q`. @example -updatedAt */
  override sort?: string = undefined;

  @ApiProperty({ enum: KB_ARTICLE_STATUSES, required: false })
  @IsOptional()
  @IsIn(KB_ARTICLE_STATUSES)
  status?: KbArticleStatus;

  @ApiProperty({ enum: KB_VISIBILITIES, required: false })
  @IsOptional()
  @IsIn(KB_VISIBILITIES)
  visibility?: KbVisibility;

  /** Articles of this category and of its sub-categories. */
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  /** Articles carrying this tag. @example 退款 */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;

  /** Articles written by this user. */
  @IsOptional()
  @IsUUID()
  authorId?: string;
}

export class PublicKbQueryDto extends ListQueryDto {
  /** Search, as on `/kb/articles`. @example 退款 */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  /** Only `-updatedAt` (the default) or `title`; with `q` results are ranked. */
  override sort?: string = undefined;

  /** Articles of this category and of its sub-categories. */
  @IsOptional()
  @IsUUID()
  categoryId?: string;
}

export class KbArticleListItem {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 如何申请退款 */
  title: string;
  /** @example 退款申请的条件、步骤和到账时间。 */
  summary: string | null;
  /** @example ["退款"] */
  tags: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  categoryId: string | null;
  /** @example 售后服务 */
  categoryName: string | null;
  /** @example After-sales service */
  categoryNameEn: string | null;
  @ApiProperty({ enum: KB_ARTICLE_STATUSES })
  status: KbArticleStatus;
  @ApiProperty({ enum: KB_VISIBILITIES })
  visibility: KbVisibility;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  authorId: string | null;
  /** @example 周客服 */
  authorName: string | null;
  /** The current content's number (previous ones are under `/versions`). @example 3 */
  revision: number;
  /** @example 120 */
  viewCount: number;
  /** @example 8 */
  helpfulCount: number;
  /** @example 1 */
  notHelpfulCount: number;
  /** The statuses this article may move to now (PATCH `status`). */
  @ApiProperty({ enum: KB_ARTICLE_STATUSES, isArray: true })
  allowedStatuses: KbArticleStatus[];
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** @example 1 */
  version: number;
  /**
   * With `q`: an excerpt around the first match, HTML-escaped, with `<mark>` around the matches (the only
   * markup: safe to render as HTML). Null without `q`.
   * @example 客户如何申请<mark>退款</mark>…
   */
  snippet: string | null;
}

export class KbArticleResponse extends KbArticleListItem {
  /** Markdown source. */
  body: string;
  /** The body rendered on the server (Markdown, then an allow-list sanitizer). @example "<h2>步骤</h2>" */
  bodyHtml: string;
  /** Your vote: true helpful, false not helpful, null none. */
  @ApiProperty({ type: Boolean, nullable: true })
  myVote: boolean | null;
}

export class KbArticlePage {
  @ApiProperty({ type: [KbArticleListItem] })
  data: KbArticleListItem[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate. @example false */
  totalIsEstimate: boolean;
}

export class KbVersionSummary {
  /** The version's number (the article's `revision` when it was current). @example 2 */
  number: number;
  /** @example 如何申请退款 */
  title: string;
  summary: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  editedBy: string | null;
  /** @example 周客服 */
  editedByName: string | null;
  /** When this content was saved. */
  editedAt: Date;
  /** When a later save replaced it; null for the current content. */
  @ApiProperty({ type: Date, nullable: true })
  replacedAt: Date | null;
}

export class KbVersionList {
  /** Previous versions, newest first. */
  @ApiProperty({ type: [KbVersionSummary] })
  data: KbVersionSummary[];
}

export class KbVersionResponse extends KbVersionSummary {
  body: string;
  /** Rendered like the article's `bodyHtml`. */
  bodyHtml: string;
}

export class KbVoteDto {
  /** true: helpful; false: not helpful. Voting again changes your vote. @example true */
  @IsBoolean()
  helpful: boolean;
}

export class KbVoteResult {
  /** @example 8 */
  helpfulCount: number;
  /** @example 1 */
  notHelpfulCount: number;
  @ApiProperty({ type: Boolean, nullable: true })
  myVote: boolean | null;
}

export class KbViewResult {
  /** @example 121 */
  viewCount: number;
}

export class KbPreviewDto {
  /** Markdown to render. @example "**注意**：退款需在 7 天内申请" */
  @IsString()
  @MaxLength(100000)
  body: string;
}

export class KbPreviewResponse {
  /** What the article would show as `bodyHtml`. @example "<p><strong>注意</strong>：退款需在 7 天内申请</p>" */
  html: string;
}

export class PublicKbArticleItem {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 如何申请退款 */
  title: string;
  summary: string | null;
  tags: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  categoryId: string | null;
  categoryName: string | null;
  categoryNameEn: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  /** With `q`: the highlighted excerpt (HTML-escaped text and `<mark>` only). */
  snippet: string | null;
}

export class PublicKbArticle extends PublicKbArticleItem {
  /** The rendered, sanitized body. */
  bodyHtml: string;
  /** @example 8 */
  helpfulCount: number;
  /** @example 1 */
  notHelpfulCount: number;
}

export class PublicKbArticlePage {
  @ApiProperty({ type: [PublicKbArticleItem] })
  data: PublicKbArticleItem[];
  nextCursor: string | null;
  /** @example 12 */
  total: number;
  /** @example false */
  totalIsEstimate: boolean;
}

export class KbSuggestion {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
  summary: string | null;
  @ApiProperty({ enum: KB_VISIBILITIES })
  visibility: KbVisibility;
  snippet: string | null;
}

export class KbSuggestQueryDto {
  /** Free text, e.g. a ticket's subject. @example 客户申请退款一直没有到账 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  /** How many (1..20, default 5). @example 5 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}
