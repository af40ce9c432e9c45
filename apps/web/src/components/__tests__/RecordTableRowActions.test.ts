import { afterEach, describe, expect, it, vi } from 'vitest';
import { h, nextTick } from 'vue';
import type { RecordColumn, RowAction } from '@/components/record-table';
import RecordTable from '@/components/RecordTable.vue';
import { flush, mountWithApp } from '@/test/mount';

interface Row {
  id: string;
  name: string;
  actions: string[];
}

const columns: RecordColumn<Row>[] = [{ key: 'name', labelKey: 'admin.users.name', fixed: true }];
const data: Row[] = [
  { id: 'r1', name: 'Mine', actions: ['edit', 'delete', 'reveal'] },
  // locked by a pending approval: the API offers nothing but reveal
  { id: 'r2', name: 'Locked', actions: ['reveal'] },
];

async function mountTable(props: Record<string, unknown>, slots: Record<string, unknown> = {}) {
  const wrapper = mountWithApp(RecordTable as never, {
    props: { resource: 'things', columns, load: async () => ({ data, nextCursor: null, total: 2 }), urlState: false, ...props },
    slots,
  } as never);
  await flush();
  await nextTick();
  await flush();
  return wrapper;
}

/** The actions cells of the body rows (el-table renders the fixed column once per row). */
const actionCells = (wrapper: Awaited<ReturnType<typeof mountTable>>) => wrapper.findAll('[data-testid="row-actions"]');

describe('RecordTable row actions', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows a row action only on rows whose own actions allow it', async () => {
    const edit = vi.fn();
    const rowActions: RowAction<Row>[] = [
      { key: 'edit', labelKey: 'common.edit', action: 'edit', run: edit },
      { key: 'view', labelKey: 'common.view', run: vi.fn() },
    ];
    const wrapper = await mountTable({ rowActions });
    const rows = wrapper.findAll('.el-table__body-wrapper .el-table__row');
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    expect(first.find('[data-testid="row-action-edit"]').exists()).toBe(true);
    expect(first.find('[data-testid="row-action-view"]').exists()).toBe(true);
    expect(second.find('[data-testid="row-action-edit"]').exists()).toBe(false);
    expect(second.find('[data-testid="row-action-view"]').exists()).toBe(true);
    await first.find('[data-testid="row-action-edit"]').trigger('click');
    expect(edit).toHaveBeenCalledWith(expect.objectContaining({ id: 'r1' }));
  });

  it('gives the actions slot the row\'s allows() and keeps the slot alone working', async () => {
    const wrapper = await mountTable(
      {},
      {
        actions: ({ row, allows }: { row: Row; allows: (a: string) => boolean }) =>
          allows('delete') ? h('button', { 'data-testid': `slot-delete-${row.id}` }, 'Delete') : null,
      },
    );
    expect(wrapper.find('[data-testid="slot-delete-r1"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="slot-delete-r2"]').exists()).toBe(false);
  });

  it('has no actions column without row actions or a slot', async () => {
    const wrapper = await mountTable({});
    expect(actionCells(wrapper)).toHaveLength(0);
  });
});
