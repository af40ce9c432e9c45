import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { type CustomModule, moduleName, objectsApi } from '@/features/objects';

/** A rule's record kind in the UI language: built-in kinds from the locale, custom modules (`obj.<key>`) by their name. */
export function useKindLabel() {
  const { t } = useI18n();
  const modules = ref<CustomModule[]>([]);
  void objectsApi.menu().then((list) => (modules.value = list));
  return (type: string): string => {
    if (!type.startsWith('obj.')) return t(`workflows.kinds.${type}`);
    const m = modules.value.find((x) => x.module === type);
    return m ? moduleName(m) : type.slice(4);
  };
}
