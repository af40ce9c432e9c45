/**
 * `{{variable}}` templates shared by every channel (SMS, email): names are letters, digits, `_`
 * and dots (`contact.name`, `account.name`, `code`). A variable without a value renders empty and is
 * reported in `missing`, so a preview can show what a recipient would lack.
 */
const VARIABLE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export type TemplateValues = Record<string, string | number | null | undefined>;

export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE)].map((m) => m[1]))];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A value made safe to put into HTML text or an attribute. */
export const escapeHtml = (v: string): string => v.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** `opts.html`: the values are escaped (an HTML email template; a contact named `<b>` stays text). */
export function renderTemplate(body: string, values: TemplateValues, opts: { html?: boolean } = {}): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = body.replace(VARIABLE, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') {
      missing.add(name);
      return '';
    }
    return opts.html ? escapeHtml(String(v)) : String(v);
  });
  return { text, missing: [...missing] };
}
