import { reactive, ref } from 'vue';
import type { ListPage } from '@/api/client';
import type { ListQuery } from '@/api/types';

/** One column of a board: a value of the record's status (or stage) field. */
export interface KanbanColumnDef {
  value: string;
  label: string;
  /**
   * False for a status reached only through its own flow (a lead's `converted`): cards cannot be
   * dropped there, and its cards do not move out either.
   */
  dropTarget: boolean;
}

export interface KanbanColumn<T> {
  rows: T[];
  total: number;
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

export type KanbanBoard<T> = Record<string, KanbanColumn<T>>;

/**
 * Thrown by a board's `move` when the user backs out (e.g. closes the dialog a drop opened): the card goes
 * back and the board shows no error.
 */
export class KanbanCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export const isKanbanCancelled = (err: unknown): boolean => err instanceof KanbanCancelled;

export const emptyColumn = <T>(): KanbanColumn<T> => ({ rows: [], total: 0, nextCursor: null, loading: false, error: null });

/** Whether a card may go from one column to another. */
export function canDrop(defs: readonly KanbanColumnDef[], from: string, to: string): boolean {
  if (from === to) return false;
  const source = defs.find((d) => d.value === from);
  const target = defs.find((d) => d.value === to);
  return !!source?.dropTarget && !!target?.dropTarget;
}

/**
 * Moves a card between columns in place (it goes to the top of the target; counts follow) and
 * answers the function that puts it back where it was, or null when the card is not in `from`.
 */
export function moveCard<T extends { id: string }>(board: KanbanBoard<T>, id: string, from: string, to: string): (() => void) | null {
  const source = board[from];
  const target = board[to];
  const index = source?.rows.findIndex((r) => r.id === id) ?? -1;
  if (!source || !target || index < 0) return null;
  const [card] = source.rows.splice(index, 1);
  target.rows.unshift(card);
  source.total = Math.max(0, source.total - 1);
  target.total += 1;
  return () => {
    const at = target.rows.findIndex((r) => r.id === id);
    if (at >= 0) target.rows.splice(at, 1);
    source.rows.splice(Math.min(index, source.rows.length), 0, card);
    target.total = Math.max(0, target.total - 1);
    source.total += 1;
  };
}

/** Replaces a card (the saved record) wherever it is. */
export function replaceCard<T extends { id: string }>(board: KanbanBoard<T>, record: T): void {
  for (const column of Object.values(board)) {
    const at = column.rows.findIndex((r) => r.id === record.id);
    if (at >= 0) column.rows.splice(at, 1, record);
  }
}

export interface KanbanOptions<T> {
  columns: () => readonly KanbanColumnDef[];
  /** The record's field the columns are values of. */
  field: string;
  load: (query: ListQuery) => Promise<ListPage<T>>;
  /** The list's other filters, search and sort. */
  query: () => ListQuery;
  /** Saves the new status; a rejection puts the card back (a KanbanCancelled one silently). */
  move: (record: T, to: string) => Promise<T>;
  /** After a saved move (e.g. to refresh column totals). */
  moved?: (record: T, from: string, to: string) => void;
  pageSize?: number;
}

/**
 * A board of records by status: each column is its own keyset-paginated list of the record kind
 * filtered on that status (so counts are the server's and "load more" continues that column).
 * A drop moves the card at once and puts it back if the save fails.
 */
export function useKanban<T extends { id: string }>(options: KanbanOptions<T>) {
  const board = reactive<KanbanBoard<T>>({}) as KanbanBoard<T>;
  const moving = ref<string | null>(null);
  let seq = 0;

  const columnQuery = (value: string, cursor?: string | null): ListQuery => ({
    ...options.query(),
    [options.field]: value,
    limit: options.pageSize ?? 20,
    ...(cursor ? { cursor } : {}),
  });

  async function loadColumn(value: string, more: boolean, id: number): Promise<void> {
    if (!board[value]) board[value] = emptyColumn<T>();
    const column = board[value]; // the reactive proxy (an assignment expression answers the raw object)
    column.loading = true;
    column.error = null;
    try {
      const page = await options.load(columnQuery(value, more ? column.nextCursor : null));
      if (id !== seq) return;
      column.rows = more ? [...column.rows, ...page.data] : page.data;
      column.total = page.total;
      column.nextCursor = page.nextCursor;
    } catch (err) {
      if (id === seq) column.error = err;
    } finally {
      if (id === seq) column.loading = false;
    }
  }

  async function reload(): Promise<void> {
    const id = ++seq;
    const defs = options.columns();
    for (const key of Object.keys(board)) if (!defs.some((d) => d.value === key)) delete board[key];
    await Promise.all(defs.map((d) => loadColumn(d.value, false, id)));
  }

  const loadMore = (value: string) => (board[value]?.nextCursor ? loadColumn(value, true, seq) : Promise.resolve());

  /** Drops a card on a column; answers the error of a refused save (the card is back), else null. */
  async function drop(id: string, from: string, to: string): Promise<unknown> {
    if (!canDrop(options.columns(), from, to) || moving.value) return null;
    const record = board[from]?.rows.find((r) => r.id === id);
    const undo = moveCard(board, id, from, to);
    if (!record || !undo) return null;
    moving.value = id;
    try {
      const saved = await options.move(record, to);
      replaceCard(board, saved);
      options.moved?.(saved, from, to);
      return null;
    } catch (err) {
      undo();
      return err;
    } finally {
      moving.value = null;
    }
  }

  return { board, moving, reload, loadMore, drop };
}
