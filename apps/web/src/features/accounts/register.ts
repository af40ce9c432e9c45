import { searchCustomers } from '@/composables/customerSearch';
import { registerSearchProvider } from '@/composables/useGlobalSearch';

registerSearchProvider({
  id: 'accounts',
  labelKey: 'accounts.title',
  permission: { module: 'accounts', action: 'read' },
  async search(q) {
    const found = await searchCustomers(q, 'accounts', async () => {
      const { accountsApi } = await import('./api');
      return (await accountsApi.list({ q, limit: 5 })).data;
    });
    return found.map((a) => ({
      id: a.id,
      title: a.name,
      subtitle: [a.city, a.ownerName].filter(Boolean).join(' · '),
      to: { name: 'account-detail', params: { id: a.id } },
    }));
  },
});
