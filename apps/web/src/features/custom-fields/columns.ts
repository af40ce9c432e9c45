import { CUSTOM_SORTABLE_TYPES } from '@keyuan/shared';
import { i18n } from '@/app/i18n';
import type { RecordColumn } from '@/components/record-table';
import { type CustomFieldKind, customFieldsApi } from './api';
import { displayValue, labelOf } from './label';

/**
 * A kind's live custom fields as table columns: off until the user picks them in the column chooser,
 * headed by their label in the UI language, sorted by the server (`sort=custom.<key>`) when the type sorts.
 */
export async function customColumns(kind: string): Promise<RecordColumn<{ custom?: Record<string, unknown> }>[]> {
  const fields = await customFieldsApi.live(kind as CustomFieldKind);
  const yesNo = (b: boolean) => i18n.global.t(b ? 'common.yes' : 'common.no');
  return fields.map((f) => ({
    key: `custom.${f.key}`,
    labelKey: '',
    label: labelOf(f),
    hidden: true,
    sortable: (CUSTOM_SORTABLE_TYPES as readonly string[]).includes(f.type),
    sortKey: `custom.${f.key}`,
    minWidth: 140,
    format: (row) => displayValue(f, row.custom?.[f.key], yesNo),
  }));
}
