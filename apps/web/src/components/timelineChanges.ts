import type { Formatter } from '@/composables/useFormat';
import type { TimelineChange } from './timeline';

type Translate = (key: string, params?: Record<string, unknown>) => string;
type HasKey = (key: string) => boolean;

/** One audited change as the API types it (record timelines and the audit log alike). */
export interface TypedChange {
  field: string;
  old: unknown;
  new: unknown;
  /** text, option, datetime, date, number, boolean, list, reference (absent: shown as text). */
  type?: string;
  ref?: string;
}

/** Where the words for a field's options live, by `<entity>.<field>` or field. */
const OPTION_KEYS: Record<string, string> = {
  'lead.status': 'leads.status',
  'campaign.status': 'campaigns.statuses',
  'campaign.type': 'campaigns.types',
  'contract.status': 'contracts.status',
  'quote.status': 'quotes.status',
  'project.status': 'projects.statuses',
  source: 'customers.source',
  'account.type': 'accounts.type',
  level: 'accounts.level',
  lifecycleStage: 'accounts.stage',
  gender: 'contacts.gender',
  preferredChannel: 'contacts.channel',
};

/** The field's label in the reader's language: the record kind's own word, the customers' one, then the timeline's. */
export function fieldLabel(entity: string, field: string, t: Translate, has: HasKey): string {
  const plural = entity === 'opportunity' ? 'opportunities' : `${entity}s`;
  const keys = [`${plural}.fields.${field}`, `customers.fields.${field}`, `contacts.optOut.${field}`, `common.timeline.fields.${field}`];
  const key = keys.find(has);
  return key ? t(key) : field;
}

/**
 * One audited change as the reader should see it: field and option labels from the locale files,
 * times in the reader's zone, names for ids (an id the API did not name is a record the reader may not
 * read: "—", never the id).
 */
export function describeChange(
  entity: string,
  c: TypedChange,
  labels: Record<string, string>,
  t: Translate,
  has: HasKey,
  fmt: Pick<Formatter, 'dateTime' | 'date'>,
): TimelineChange {
  const empty = '—';
  const one = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return empty;
    if (Array.isArray(v)) return v.length ? v.map(one).join(', ') : empty;
    switch (c.type) {
      case 'reference':
        return typeof v === 'string' ? (labels[v] ?? empty) : empty;
      case 'option': {
        const prefix = OPTION_KEYS[`${entity}.${c.field}`] ?? OPTION_KEYS[c.field];
        const key = prefix ? `${prefix}.${String(v)}` : '';
        return key && has(key) ? t(key) : String(v);
      }
      case 'datetime':
        return fmt.dateTime(String(v));
      case 'date':
        return fmt.date(String(v));
      case 'boolean':
        return t(v ? 'common.yes' : 'common.no');
      default:
        // the fields a reveal showed are field names themselves
        return c.field === 'revealed' ? fieldLabel(entity, String(v), t, has) : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  };
  return { field: c.field, label: fieldLabel(entity, c.field, t, has), old: one(c.old), new: one(c.new), created: c.old === null };
}
