import { registerSearchProvider } from '@/composables/useGlobalSearch';

registerSearchProvider({
  id: 'kb',
  labelKey: 'kb.title',
  permission: { module: 'knowledge', action: 'read' },
  async search(q) {
    const { kbApi } = await import('./api');
    const page = await kbApi.list({ q, limit: 5 });
    return page.data.map((a) => ({ id: a.id, title: a.title, subtitle: a.summary ?? undefined, to: { name: 'kb-article', params: { id: a.id } } }));
  },
});
