import { i18n } from '@/app/i18n';
import type { CustomField } from './api';

type Labelled = { labelZh: string; labelEn: string };

/** A field's or option's label in the UI language. */
export function labelOf(x: Labelled): string {
  const locale = String((i18n.global.locale as unknown as { value?: string }).value ?? i18n.global.locale);
  return locale.startsWith('zh') ? x.labelZh : x.labelEn;
}

/** A stored value as people read it: option labels, yes/no, lists joined. */
export function displayValue(f: CustomField, v: unknown, yesNo: (b: boolean) => string): string {
  if (v === null || v === undefined || v === '') return '';
  if (f.type === 'select') return labelOf(f.options.find((o) => o.key === v) ?? { labelZh: String(v), labelEn: String(v) });
  if (f.type === 'multiSelect' && Array.isArray(v)) return v.map((k) => labelOf(f.options.find((o) => o.key === k) ?? { labelZh: String(k), labelEn: String(k) })).join(', ');
  if (typeof v === 'boolean') return yesNo(v);
  return String(v);
}
