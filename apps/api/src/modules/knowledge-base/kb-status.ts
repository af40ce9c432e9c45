export const KB_ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type KbArticleStatus = (typeof KB_ARTICLE_STATUSES)[number];
export const KB_VISIBILITIES = ['internal', 'public'] as const;
export type KbVisibility = (typeof KB_VISIBILITIES)[number];

/** Where an article may go from each status: unpublishing returns it to draft; archived articles come back as drafts. */
const TRANSITIONS: Record<KbArticleStatus, KbArticleStatus[]> = {
  draft: ['published', 'archived'],
  published: ['draft', 'archived'],
  archived: ['draft'],
};

export function allowedKbStatuses(from: KbArticleStatus): KbArticleStatus[] {
  return TRANSITIONS[from];
}
