import { searchCustomers } from '@/composables/customerSearch';
import { registerSearchProvider } from '@/composables/useGlobalSearch';

registerSearchProvider({
  id: 'contacts',
  labelKey: 'contacts.title',
  permission: { module: 'contacts', action: 'read' },
  async search(q) {
    const found = await searchCustomers(q, 'contacts', async () => {
      const { contactsApi } = await import('./api');
      return (await contactsApi.list({ q, limit: 5 })).data;
    });
    return found.map((c) => ({
      id: c.id,
      title: c.name,
      subtitle: [c.accountName, c.title].filter(Boolean).join(' · '),
      to: { name: 'contact-detail', params: { id: c.id } },
    }));
  },
});
