import { describe, expect, it, vi } from 'vitest';
import type { ListQuery } from '@/api/types';
import { canDrop, emptyColumn, isKanbanCancelled, type KanbanBoard, KanbanCancelled, type KanbanColumnDef, moveCard, useKanban } from '@/composables/useKanban';

interface Card {
  id: string;
  status: string;
  version: number;
}

const defs: KanbanColumnDef[] = [
  { value: 'new', label: 'New', dropTarget: true },
  { value: 'contacted', label: 'Contacted', dropTarget: true },
  { value: 'converted', label: 'Converted', dropTarget: false },
];

const card = (id: string, status: string): Card => ({ id, status, version: 1 });

function boardOf(): KanbanBoard<Card> {
  return {
    new: { ...emptyColumn<Card>(), rows: [card('a', 'new'), card('b', 'new'), card('c', 'new')], total: 7 },
    contacted: { ...emptyColumn<Card>(), rows: [card('d', 'contacted')], total: 1 },
    converted: { ...emptyColumn<Card>(), rows: [card('e', 'converted')], total: 1 },
  };
}

describe('kanban column logic', () => {
  it('accepts drops only between different columns that take drops', () => {
    expect(canDrop(defs, 'new', 'contacted')).toBe(true);
    expect(canDrop(defs, 'new', 'new')).toBe(false);
    expect(canDrop(defs, 'new', 'converted')).toBe(false);
    expect(canDrop(defs, 'converted', 'new')).toBe(false);
    expect(canDrop(defs, 'new', 'nowhere')).toBe(false);
  });

  it('moves a card to the top of the target with the counts, and puts it back at its place', () => {
    const board = boardOf();
    const undo = moveCard(board, 'b', 'new', 'contacted');
    expect(board.new.rows.map((r) => r.id)).toEqual(['a', 'c']);
    expect(board.contacted.rows.map((r) => r.id)).toEqual(['b', 'd']);
    expect([board.new.total, board.contacted.total]).toEqual([6, 2]);
    undo!();
    expect(board.new.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(board.contacted.rows.map((r) => r.id)).toEqual(['d']);
    expect([board.new.total, board.contacted.total]).toEqual([7, 1]);
    expect(moveCard(board, 'zz', 'new', 'contacted')).toBeNull();
  });
});

describe('useKanban', () => {
  const page = (data: Card[], nextCursor: string | null, total: number) => ({ data, nextCursor, total });

  function setup(move: (c: Card, to: string) => Promise<Card>) {
    const load = vi.fn(async (q: ListQuery) => {
      if (q.status === 'new') return q.cursor ? page([card('c', 'new')], null, 3) : page([card('a', 'new'), card('b', 'new')], 'cur1', 3);
      if (q.status === 'contacted') return page([], null, 0);
      return page([card('e', 'converted')], null, 1);
    });
    const kanban = useKanban<Card>({ columns: () => defs, field: 'status', load, query: () => ({ source: 'web' }), move, pageSize: 2 });
    return { kanban, load };
  }

  it('loads each column on its own status with the shared filters, and continues one column by its cursor', async () => {
    const { kanban, load } = setup(vi.fn());
    await kanban.reload();
    expect(load).toHaveBeenCalledWith({ source: 'web', status: 'new', limit: 2 });
    expect(load).toHaveBeenCalledWith({ source: 'web', status: 'converted', limit: 2 });
    expect(kanban.board.new.total).toBe(3);
    await kanban.loadMore('new');
    expect(load).toHaveBeenLastCalledWith({ source: 'web', status: 'new', limit: 2, cursor: 'cur1' });
    expect(kanban.board.new.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(kanban.board.new.nextCursor).toBeNull();
  });

  it('keeps a dropped card in its new column with the saved record', async () => {
    const move = vi.fn(async (c: Card, to: string) => ({ ...c, status: to, version: 2 }));
    const { kanban } = setup(move);
    await kanban.reload();
    expect(await kanban.drop('a', 'new', 'contacted')).toBeNull();
    expect(move).toHaveBeenCalledWith(card('a', 'new'), 'contacted');
    expect(kanban.board.contacted.rows).toEqual([{ id: 'a', status: 'contacted', version: 2 }]);
    expect([kanban.board.new.total, kanban.board.contacted.total]).toEqual([2, 1]);
  });

  it('puts the card back when the save fails, and never saves a drop on a closed column', async () => {
    const refusal = new Error('409');
    const move = vi.fn(async () => Promise.reject(refusal));
    const { kanban } = setup(move);
    await kanban.reload();
    expect(await kanban.drop('b', 'new', 'contacted')).toBe(refusal);
    expect(kanban.board.new.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(kanban.board.contacted.rows).toEqual([]);
    expect([kanban.board.new.total, kanban.board.contacted.total]).toEqual([3, 0]);
    move.mockClear();
    expect(await kanban.drop('a', 'new', 'converted')).toBeNull();
    expect(move).not.toHaveBeenCalled();
    expect(kanban.board.new.rows.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('puts the card back without an error to show when the move is cancelled (a dialog closed), and reports saved moves', async () => {
    const move = vi.fn(async () => Promise.reject(new KanbanCancelled()));
    const { kanban } = setup(move);
    await kanban.reload();
    const err = await kanban.drop('a', 'new', 'contacted');
    expect(isKanbanCancelled(err)).toBe(true);
    expect(isKanbanCancelled(new Error('409'))).toBe(false);
    expect(kanban.board.new.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect([kanban.board.new.total, kanban.board.contacted.total]).toEqual([3, 0]);
  });
});

describe('useKanban reactivity', () => {
  it('re-renders a column when its page arrives', async () => {
    const { nextTick, watch } = await import('vue');
    const kanban = useKanban<Card>({
      columns: () => defs.slice(0, 1),
      field: 'status',
      load: async () => ({ data: [card('a', 'new')], nextCursor: null, total: 1 }),
      query: () => ({}),
      move: vi.fn(),
    });
    const seen: number[] = [];
    watch(() => kanban.board.new?.rows.length ?? -1, (n) => seen.push(n), { immediate: true });
    await kanban.reload();
    await nextTick();
    expect(seen.at(-1)).toBe(1);
  });
});
