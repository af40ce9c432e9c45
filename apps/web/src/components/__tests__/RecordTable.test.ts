import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { ListQuery } from '@/api/types';
import type { RecordColumn } from '@/components/record-table';
import RecordTable from '@/components/RecordTable.vue';
import { columnStorageKey } from '@/composables/useColumnChooser';
import { cellValue } from '@/composables/useCsvExport';
import { ApiError } from '@/api/client';
import { flush, mountWithApp } from '@/test/mount';

interface Row {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

const rows = (from: number, n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `u${from + i}`, name: `User ${from + i}`, email: `u${from + i}@x.cn`, active: true }));

const columns: RecordColumn<Row>[] = [
  { key: 'name', labelKey: 'admin.users.name', sortable: true, fixed: true },
  { key: 'email', labelKey: 'admin.users.email', sortable: true },
  { key: 'active', labelKey: 'admin.users.status', hidden: true, format: (r) => (r.active ? 'yes' : 'no') },
];

function mountTable(load: (q: ListQuery) => Promise<{ data: Row[]; nextCursor: string | null; total: number }>, props: Record<string, unknown> = {}) {
  return mountWithApp(RecordTable as never, { props: { resource: 'users', columns, load, defaultSort: 'name', ...props } } as never);
}

async function settle() {
  await flush();
  await nextTick();
  await flush();
}

describe('RecordTable', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it('loads the first page with the default sort and page size and shows the rows', async () => {
    const load = vi.fn(async () => ({ data: rows(1, 2), nextCursor: null, total: 2 }));
    const wrapper = mountTable(load, { pageSize: 25 });
    await settle();
    expect(load).toHaveBeenCalledWith({ sort: 'name', limit: 25 });
    expect(wrapper.text()).toContain('User 1');
    expect(wrapper.text()).toContain('u2@x.cn');
    expect(wrapper.find('[data-testid="table-count"]').text()).toBe('2 of 2');
    expect(wrapper.find('[data-testid="table-load-more"]').exists()).toBe(false);
  });

  it('appends the next page with the cursor on "load more"', async () => {
    const load = vi.fn(async (q: ListQuery) =>
      q.cursor ? { data: rows(3, 1), nextCursor: null, total: 3 } : { data: rows(1, 2), nextCursor: 'c2', total: 3 },
    );
    const wrapper = mountTable(load);
    await settle();
    await wrapper.find('[data-testid="table-load-more"]').trigger('click');
    await settle();
    expect(load).toHaveBeenLastCalledWith({ sort: 'name', limit: 50, cursor: 'c2' });
    expect(wrapper.text()).toContain('User 3');
    expect(wrapper.find('[data-testid="table-count"]').text()).toBe('3 of 3');
    expect(wrapper.find('[data-testid="table-load-more"]').exists()).toBe(false);
  });

  it('sends filters (dropping empty ones) and reloads when they change', async () => {
    const load = vi.fn(async () => ({ data: [], nextCursor: null, total: 0 }));
    const wrapper = mountTable(load, { filters: { departmentId: 'd1', active: '', roleId: undefined } });
    await settle();
    expect(load).toHaveBeenLastCalledWith({ departmentId: 'd1', sort: 'name', limit: 50 });
    await wrapper.setProps({ filters: { active: false } } as never);
    await settle();
    expect(load).toHaveBeenLastCalledWith({ active: false, sort: 'name', limit: 50 });
    expect(wrapper.find('[data-testid="table-empty"]').text()).toContain('No records match');
  });

  it('searches with q after the user stops typing', async () => {
    const load = vi.fn(async () => ({ data: [], nextCursor: null, total: 0 }));
    const wrapper = mountTable(load);
    await settle();
    vi.useFakeTimers();
    await wrapper.find('input[data-testid="table-search"]').setValue('张三');
    await vi.advanceTimersByTimeAsync(350);
    vi.useRealTimers();
    await settle();
    expect(load).toHaveBeenLastCalledWith({ q: '张三', sort: 'name', limit: 50 });
  });

  it('is aria-busy from the first typed key until the search\'s rows are shown', async () => {
    let answer: (page: { data: Row[]; nextCursor: null; total: number }) => void = () => {};
    const load = vi.fn((q: ListQuery) =>
      q.q ? new Promise<{ data: Row[]; nextCursor: null; total: number }>((r) => (answer = r)) : Promise.resolve({ data: rows(1, 2), nextCursor: null, total: 2 }),
    );
    const wrapper = mountTable(load);
    await settle();
    const root = () => wrapper.find('[data-testid="record-table-users"]').attributes('aria-busy');
    expect(root()).toBe('false');
    vi.useFakeTimers();
    await wrapper.find('input[data-testid="table-search"]').setValue('User 2');
    expect(root()).toBe('true'); // the rows shown are not the search's yet
    await vi.advanceTimersByTimeAsync(350);
    expect(root()).toBe('true'); // the search is on its way
    answer({ data: rows(2, 1), nextCursor: null, total: 1 });
    await vi.advanceTimersByTimeAsync(0);
    await nextTick();
    expect(root()).toBe('false');
    expect(wrapper.text()).not.toContain('User 1');
  });

  it('sorts on the server when a sortable header is clicked', async () => {
    const load = vi.fn(async () => ({ data: rows(1, 1), nextCursor: null, total: 1 }));
    const wrapper = mountTable(load);
    await settle();
    const emailHeader = wrapper.findAll('th').find((th) => th.text().includes('Email'))!;
    await emailHeader.trigger('click');
    await settle();
    expect(load).toHaveBeenLastCalledWith({ sort: 'email', limit: 50 });
    await emailHeader.trigger('click');
    await settle();
    expect(load).toHaveBeenLastCalledWith({ sort: '-email', limit: 50 });
  });

  it('shows the error with a retry that reloads', async () => {
    const load = vi
      .fn()
      .mockRejectedValueOnce(new ApiError({ type: 'x', title: 'Internal Server Error', status: 500, detail: 'db down' }))
      .mockResolvedValueOnce({ data: rows(1, 1), nextCursor: null, total: 1 });
    const wrapper = mountTable(load);
    await settle();
    expect(wrapper.find('[data-testid="table-error"]').text()).toContain('db down');
    await wrapper.find('[data-testid="table-error"] button').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="table-error"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('User 1');
  });

  it('shows the empty state when there are no records at all', async () => {
    const wrapper = mountTable(async () => ({ data: [], nextCursor: null, total: 0 }));
    await settle();
    expect(wrapper.find('[data-testid="table-empty"]').text()).toContain('No records yet');
  });

  it('remembers the chosen columns per user and resource', async () => {
    localStorage.setItem(columnStorageKey(undefined, 'users'), JSON.stringify(['active', 'gone']));
    const wrapper = mountTable(async () => ({ data: rows(1, 1), nextCursor: null, total: 1 }));
    await settle();
    const headers = wrapper.findAll('th').map((th) => th.text());
    expect(headers.some((h) => h.includes('Status'))).toBe(true);
    expect(headers.some((h) => h.includes('Email'))).toBe(false);
    expect(headers.some((h) => h.includes('Name'))).toBe(true); // fixed columns always show
    expect(columnStorageKey('u-1', 'users')).toBe('keyuan.columns.u-1.users');
  });

  it('builds the CSV in the browser from every page when the server has no export endpoint', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => (created.push(b), 'blob:x'));
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ type: 'x', title: 'Not Found', status: 404 }), { status: 404 })));
    const load = vi.fn(async (q: ListQuery) =>
      q.cursor ? { data: rows(3, 1), nextCursor: null, total: 3 } : { data: rows(1, 2), nextCursor: q.limit === 200 ? 'c2' : null, total: 3 },
    );
    const wrapper = mountTable(load, { filters: { active: true } });
    await settle();
    await wrapper.find('[data-testid="table-export"]').trigger('click');
    await vi.waitFor(() => expect(click).toHaveBeenCalled());
    const fetchUrl = new URL((vi.mocked(fetch).mock.calls[0][0] as Request).url);
    expect(fetchUrl.pathname).toBe('/api/v1/users/export');
    expect(fetchUrl.searchParams.get('format')).toBe('csv');
    expect(fetchUrl.searchParams.get('active')).toBe('true');
    expect(load).toHaveBeenCalledWith(expect.objectContaining({ active: true, limit: 200, cursor: 'c2' }));
    const text = await created[0].text();
    expect(text).toContain('Name,Email\r\nUser 1,u1@x.cn\r\nUser 2,u2@x.cn\r\nUser 3,u3@x.cn');
    vi.unstubAllGlobals();
  });

  it('downloads the server\'s CSV with the filters and the language, and toasts a refused export', async () => {
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => (created.push(b), 'blob:x')), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    let status = 200;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        status === 200
          ? new Response('\uFEFFName\r\nUser 1\r\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="leads-2026.csv"' } })
          : new Response(JSON.stringify({ type: 'x', title: 'Forbidden', status: 403, detail: 'You lack leads:export' }), {
              status: 403,
              headers: { 'Content-Type': 'application/problem+json' },
            }),
      ),
    );
    const load = vi.fn(async () => ({ data: rows(1, 1), nextCursor: null, total: 1 }));
    const wrapper = mountTable(load, { resource: 'leads', filters: { status: 'new', createdAtFrom: '2026-01-01', createdAtTo: '2026-01-31' } });
    await settle();
    await wrapper.find('[data-testid="table-export"]').trigger('click');
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const url = new URL((vi.mocked(fetch).mock.calls[0][0] as Request).url);
    expect(url.pathname).toBe('/api/v1/leads/export');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ format: 'csv', lang: 'en-US', status: 'new', sort: 'name' });
    expect(url.searchParams.get('createdAtTo')).toBe(new Date(2026, 0, 31, 23, 59, 59, 999).toISOString());
    expect(load).toHaveBeenCalledTimes(1); // no browser-side paging
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('leads-2026.csv');

    status = 403;
    await wrapper.find('[data-testid="table-export"]').trigger('click');
    await vi.waitFor(() => expect(document.body.querySelector('.el-message--error')?.textContent).toContain('You lack leads:export'));
    expect(document.body.querySelector('.el-message--error')?.textContent).toContain('Export failed');
    expect(click).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });

  it('writes formatted values into the CSV', () => {
    expect(cellValue(columns[2], rows(1, 1)[0])).toBe('yes');
    expect(cellValue({ key: 'roleIds', labelKey: 'x' }, { roleIds: ['a', 'b'] })).toBe('a; b');
  });
});
