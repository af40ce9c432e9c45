import type { KbArticleListItem, KbArticleResponse, PublicKbArticle, PublicKbArticleItem } from './dto/kb-article.dto';
import type { KbArticle } from './kb-article.entity';
import { renderMarkdown } from './kb-markdown';
import { allowedKbStatuses } from './kb-status';

export interface KbNames {
  users: Map<string, string>;
  categories: Map<string, { name: string; nameEn: string | null }>;
}

export function toKbArticleListItem(a: KbArticle, names: KbNames, snippet: string | null = null): KbArticleListItem {
  const cat = a.categoryId ? names.categories.get(a.categoryId) : undefined;
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    tags: a.tags,
    categoryId: a.categoryId,
    categoryName: cat?.name ?? null,
    categoryNameEn: cat?.nameEn ?? null,
    status: a.status,
    visibility: a.visibility,
    authorId: a.authorId,
    authorName: a.authorId ? (names.users.get(a.authorId) ?? null) : null,
    revision: a.revision,
    viewCount: Number(a.viewCount),
    helpfulCount: a.helpfulCount,
    notHelpfulCount: a.notHelpfulCount,
    allowedStatuses: allowedKbStatuses(a.status),
    publishedAt: a.publishedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
    snippet,
  };
}

export function toKbArticleResponse(a: KbArticle, names: KbNames, myVote: boolean | null): KbArticleResponse {
  return { ...toKbArticleListItem(a, names), body: a.body, bodyHtml: renderMarkdown(a.body), myVote };
}

export function toPublicKbArticleItem(a: KbArticle, names: KbNames, snippet: string | null = null): PublicKbArticleItem {
  const cat = a.categoryId ? names.categories.get(a.categoryId) : undefined;
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    tags: a.tags,
    categoryId: a.categoryId,
    categoryName: cat?.name ?? null,
    categoryNameEn: cat?.nameEn ?? null,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    snippet,
  };
}

export function toPublicKbArticle(a: KbArticle, names: KbNames): PublicKbArticle {
  return { ...toPublicKbArticleItem(a, names), bodyHtml: renderMarkdown(a.body), helpfulCount: a.helpfulCount, notHelpfulCount: a.notHelpfulCount };
}
