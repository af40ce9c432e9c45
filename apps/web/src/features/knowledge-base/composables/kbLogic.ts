/** Pure helpers of the knowledge base pages (unit-tested in __tests__/kbLogic.test.ts). */

export interface FlatCategory {
  id: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  depth: number;
  articleCount: number;
}

export interface KbCategoryNode {
  id: string;
  label: string;
  /** Articles in this category and below it. */
  count: number;
  children: KbCategoryNode[];
}

export function categoryLabel(c: Pick<FlatCategory, 'name' | 'nameEn'>, locale: string): string {
  return locale === 'en-US' && c.nameEn ? c.nameEn : c.name;
}

/** The server's flat, depth-first list as a tree, each node counting its subtree's articles. */
export function kbCategoryTree(list: FlatCategory[], locale: string): KbCategoryNode[] {
  const nodes = new Map<string, KbCategoryNode>();
  const parents = new Map<string, string | null>();
  const roots: KbCategoryNode[] = [];
  for (const c of list) {
    const node: KbCategoryNode = { id: c.id, label: categoryLabel(c, locale), count: 0, children: [] };
    nodes.set(c.id, node);
    parents.set(c.id, c.parentId);
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  for (const c of list) {
    for (let id: string | null = c.id; id; id = parents.get(id) ?? null) {
      const n = nodes.get(id);
      if (n) n.count += c.articleCount;
    }
  }
  return roots;
}

/** Category options for a select, indented by depth. */
export function categoryOptions(list: FlatCategory[], locale: string, exclude?: string): { value: string; label: string }[] {
  let skipBelow: number | null = null;
  const out: { value: string; label: string }[] = [];
  for (const c of list) {
    if (skipBelow !== null && c.depth > skipBelow) continue;
    skipBelow = null;
    if (c.id === exclude) {
      skipBelow = c.depth;
      continue;
    }
    out.push({ value: c.id, label: `${'\u3000'.repeat(c.depth)}${categoryLabel(c, locale)}` });
  }
  return out;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A search snippet ready for v-html. The server escapes the text and adds only `<mark>`; as a second
 * wall the client keeps `<mark>`/`</mark>` and turns any other `<`, `>` into text, so nothing else can
 * become markup even if a server bug let it through. Entities the server wrote stay as they are.
 */
export function safeSnippet(snippet: string | null | undefined): string {
  if (!snippet) return '';
  return snippet
    .split(/(<mark>|<\/mark>)/)
    .map((part) => (part === '<mark>' || part === '</mark>' ? part : part.replace(/[<>"']/g, (c) => ESCAPES[c])))
    .join('');
}

/** Tags typed as "退款, 发票；invoice" → unique trimmed tags. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,，;；\n]/).map((s) => s.trim()).filter(Boolean))].slice(0, 20);
}

/** Helpful share as a whole percentage, null without votes. */
export function helpfulShare(helpful: number, notHelpful: number): number | null {
  const total = helpful + notHelpful;
  return total ? Math.round((helpful / total) * 100) : null;
}
