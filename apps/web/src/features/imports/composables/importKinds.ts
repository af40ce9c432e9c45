import { IMPORT_ENTITIES } from '@keyuan/shared';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { type CustomModule, moduleName, objectsApi } from '@/features/objects';
import { useAuthStore } from '@/stores/auth';

/**
 * What an import's rows can be: the built-in kinds the user may create, then the custom modules (`obj.<key>`) the
 * user may create records in, each with its name in the UI language.
 */
export function useImportKinds() {
  const { t } = useI18n();
  const auth = useAuthStore();
  const modules = ref<CustomModule[]>([]);
  void objectsApi.menu().then((list) => (modules.value = list));
  const kinds = computed(() => [
    ...IMPORT_ENTITIES.filter((e) => auth.can(`${e}s`, 'create')).map((e) => ({ value: e as string, label: t(`imports.entities.${e}`) })),
    ...modules.value.filter((m) => auth.can(m.module, 'create')).map((m) => ({ value: m.module as string, label: moduleName(m) })),
  ]);
  /** The kind's name; a custom module no longer listed shows its key. */
  const labelOf = (entity: string): string => {
    if (!entity.startsWith('obj.')) return t(`imports.entities.${entity}`);
    const m = modules.value.find((x) => x.module === entity);
    return m ? moduleName(m) : entity.slice(4);
  };
  return { kinds, labelOf, modules };
}

/** Where the records of an import are listed. */
export const listRouteOf = (entity: string) =>
  entity.startsWith('obj.') ? { path: `/m/${entity.slice(4)}` } : { name: ({ lead: 'leads', account: 'accounts', contact: 'contacts', product: 'products' } as Record<string, string>)[entity] ?? 'leads' };
