import { describe, expect, it, vi } from 'vitest';
import { firstPageQuery, prefetchFirstPage, takePrefetched } from '@/composables/listPrefetch';
import { stateFromQuery } from '@/composables/listUrlState';
import { useRecordList } from '@/composables/useRecordList';

const page = (name: string) => ({ data: [{ id: name }], nextCursor: null, total: 1 });

describe('first page of a list asked for by the router', () => {
  it('asks with the query the record table sends for the same URL', () => {
    const load = vi.fn(async () => page('early'));
    prefetchFirstPage({ resource: 'leads', load }, { status: 'new', sort: 'name', q: ' 云 ' });
    const tableQuery = firstPageQuery(stateFromQuery({ status: 'new', sort: 'name', q: ' 云 ' }), '-createdAt', 50);
    expect(load).toHaveBeenCalledWith(tableQuery);
    expect(tableQuery).toEqual({ status: 'new', q: '云', sort: 'name', limit: 50 });
    expect(takePrefetched('leads', { limit: 50, sort: 'name', q: '云', status: 'new' })).not.toBeNull();
    // once only
    expect(takePrefetched('leads', tableQuery)).toBeNull();
  });

  it('gives nothing for another query or resource, nor when the URL shows no table', () => {
    const load = vi.fn(async () => page('early'));
    prefetchFirstPage({ resource: 'leads', load }, {});
    expect(takePrefetched('accounts', { sort: '-createdAt', limit: 50 })).toBeNull();
    expect(takePrefetched('leads', { sort: 'name', limit: 50 })).toBeNull();
    prefetchFirstPage({ resource: 'leads', load, when: (q) => q.view !== 'kanban' }, { view: 'kanban' });
    // a day range is shaped by the feature's api.ts: the table asks itself
    prefetchFirstPage({ resource: 'leads', load }, { createdAtFrom: '2026-11-01' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a list uses the early page for its first load only', async () => {
    const load = vi.fn(async () => page('own'));
    prefetchFirstPage({ resource: 'accounts', load: async () => page('early') }, {});
    const list = useRecordList(() => load, () => ({ sort: '-createdAt', limit: 50 }), (q) => takePrefetched('accounts', q));
    await list.reload();
    expect(load).not.toHaveBeenCalled();
    expect(list.rows.value).toEqual([{ id: 'early' }]);
    await list.reload();
    expect(load).toHaveBeenCalledTimes(1);
    expect(list.rows.value).toEqual([{ id: 'own' }]);
  });
});
