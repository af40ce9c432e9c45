import type { RecordAction } from '@/composables/recordActions';
import type { CsvCell } from '@/lib/csv';
import type { FilterFieldType, FilterOption } from './filter-bar';

/** A column of RecordTable. Its cell can be replaced with the `cell-<key>` slot. */
export interface RecordColumn<T = Record<string, unknown>> {
  key: string;
  labelKey: string;
  /** A header in the user's words instead of `labelKey` (custom fields carry their own labels). */
  label?: string;
  /** Sorted by the server, on `sortKey` (default: key). */
  sortable?: boolean;
  sortKey?: string;
  width?: number | string;
  minWidth?: number | string;
  /** Off until the user picks it in the column chooser. */
  hidden?: boolean;
  /** Always shown. */
  fixed?: boolean;
  /** Text of the cell (and of the CSV) when there is no slot. */
  format?: (row: T) => string;
  /** Value written to the CSV (default: format, else the raw field). */
  csv?: (row: T) => CsvCell;
  /**
   * Offered in the advanced filter builder: the API field (default: sortKey, else key), its type as the
   * list declares it (ListSpec.fields) and, for enums and owners, the options.
   */
  filter?: { type: FilterFieldType; field?: string; options?: FilterOption[] };
}

/** What a parent can call on a RecordTable through a template ref. */
export interface RecordTableExpose {
  reload(): Promise<void>;
}

/**
 * A button of a row's actions column. With `action`, it shows only on rows whose `actions` (what the API
 * says the user may do with that record now) include it: a record locked by a pending approval, converted,
 * released or out of the user's scope offers no Edit, whatever the user's role grants.
 */
export interface RowAction<T = Record<string, unknown>> {
  key: string;
  labelKey: string;
  action?: RecordAction;
  type?: 'primary' | 'success' | 'warning' | 'danger' | 'info';
  run: (row: T) => void;
}
