import { Injectable } from '@nestjs/common';
import { KbSuggestion } from './dto/kb-article.dto';
import { KbArticleQueries } from './kb-article-queries';

/**
 * What other modules may ask of the knowledge base. Tickets ask for articles matching a subject:
 * published ones of any visibility (agents may link internal ones into a note, public ones into a reply).
 */
@Injectable()
export class KnowledgeBaseService {
  constructor(private readonly queries: KbArticleQueries) {}

  /** Published articles by relevance to `subject` (any of its words or Chinese pieces), best first. */
  async suggest(subject: string, limit = 5, opts: { publicOnly?: boolean } = {}): Promise<KbSuggestion[]> {
    const rows = await this.queries.suggest(subject.slice(0, 200), Math.min(Math.max(limit, 1), 20), opts.publicOnly);
    return rows.map(({ article: a, snippet }) => ({ id: a.id, title: a.title, summary: a.summary, visibility: a.visibility, snippet }));
  }
}
