/** A knowledge-base article a ticket suggests. */
export interface SuggestedArticle {
  id: string;
  title: string;
  visibility: 'internal' | 'public';
}

/**
 * The articles an agent may link into a reply: a public reply (the customer reads it) only public ones, which the
 * help center shows without a login; an internal note any.
 */
export function linkableArticles(articles: readonly SuggestedArticle[], visibility: 'public' | 'internal'): SuggestedArticle[] {
  return visibility === 'public' ? articles.filter((a) => a.visibility === 'public') : [...articles];
}

/** The link an article adds to a reply: the public help-center page for customers, the agents' page for a note. */
export function articleLink(article: SuggestedArticle, visibility: 'public' | 'internal', origin: string): string {
  const path = visibility === 'public' ? `/help/${article.id}` : `/kb/${article.id}`;
  return `${article.title}: ${origin}${path}`;
}

/** The reply with the link added on a line of its own (once). */
export function withLink(body: string, link: string): string {
  if (body.includes(link)) return body;
  const trimmed = body.replace(/\s+$/, '');
  return trimmed ? `${trimmed}\n${link}` : link;
}
