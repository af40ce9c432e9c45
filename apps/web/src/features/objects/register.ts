import { searchModules } from '@/composables/customerSearch';
import { registerSearchProvider } from '@/composables/useGlobalSearch';
import { moduleName } from './label';

/** Custom modules' records in the top bar's search: the API answers only modules the user reads, in their scope. */
const groups = new Map<string, string>();
registerSearchProvider({
  id: 'custom-modules',
  labelKey: 'objects.title',
  async search(q) {
    const found = await searchModules(q);
    return found.flatMap((g) => {
      const name = moduleName({ nameZh: g.pluralZh, nameEn: g.pluralEn, pluralZh: g.pluralZh, pluralEn: g.pluralEn });
      return g.data.map((r) => {
        groups.set(`${g.object}:${r.id}`, name);
        return { id: `${g.object}:${r.id}`, title: r.name, subtitle: typeof r.ownerName === 'string' ? r.ownerName : undefined, to: `/m/${g.object}/${r.id}` };
      });
    });
  },
  groupOf: (hit) => groups.get(hit.id),
});
