import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown → safe HTML, the one pipeline of the knowledge base (article bodies, versions, the editor's
 * preview). markdown-it with raw HTML off (`<script>` stays text) and its own link check (no
 * `javascript:` / `vbscript:` / `file:` / non-image `data:` links), then sanitize-html with an allow-list
 * as the second wall: only the tags markdown-it produces, no attributes beyond these, links to http(s)
 * and mailto only, images from http(s) only, and every link opens in a new tab without an opener.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'del',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  // markdown-it writes table alignment as style="text-align:…"; nothing else gets through
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
  },
};

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown ?? ''), SANITIZE);
}
