import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetCustomerSearch, searchCustomers } from '@/composables/customerSearch';
import { json, mockNetwork, problem } from '@/test/http';

afterEach(() => {
  resetCustomerSearch();
  vi.unstubAllGlobals();
});

describe('customer search', () => {
  it('asks /search once for leads, accounts and contacts of the same term', async () => {
    const { requests } = mockNetwork(() =>
      json({ leads: [{ id: 'l1', name: '王小明' }], accounts: [{ id: 'a1', name: '云启科技' }], contacts: [] }),
    );
    const fallback = vi.fn(async (): Promise<{ id: string; name: string }[]> => []);
    const [leads, accounts, contacts] = await Promise.all([
      searchCustomers('王', 'leads', fallback),
      searchCustomers('王', 'accounts', fallback),
      searchCustomers('王', 'contacts', fallback),
    ]);
    expect(leads.map((l) => l.id)).toEqual(['l1']);
    expect(accounts.map((a) => a.id)).toEqual(['a1']);
    expect(contacts).toEqual([]);
    expect(fallback).not.toHaveBeenCalled();
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe('/api/v1/search');
    expect(requests[0].url.searchParams.get('q')).toBe('王');
  });

  it('falls back to each list endpoint on a server without /search', async () => {
    const { requests } = mockNetwork(() => problem(404, 'Not Found'));
    const fallback = vi.fn(async () => [{ id: 'l2', name: 'Li' }]);
    expect(await searchCustomers('li', 'leads', fallback)).toEqual([{ id: 'l2', name: 'Li' }]);
    expect(await searchCustomers('lei', 'leads', fallback)).toEqual([{ id: 'l2', name: 'Li' }]);
    expect(requests).toHaveLength(1); // not asked again
  });
});
