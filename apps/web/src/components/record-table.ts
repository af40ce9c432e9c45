import type { CsvCell } from '@/lib/csv';
import type { FilterFieldType, FilterOption } from './filter-bar';

/** A column of RecordTable. Its cell can be replaced with the `cell-<key>` slot. */
export interface RecordColumn<T = Record<string, unknown>> {
  key: string;
  labelKey: string;
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
