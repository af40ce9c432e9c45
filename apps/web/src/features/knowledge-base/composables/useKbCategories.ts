import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { type KbCategory, kbApi } from '../api';
import { categoryOptions, kbCategoryTree } from './kbLogic';

/** The category list, loaded once per page, as a tree and as select options. */
export function useKbCategories() {
  const { locale } = useI18n();
  const list = shallowRef<KbCategory[]>([]);
  const loading = ref(true);
  const error = shallowRef<unknown>(null);
  async function load() {
    loading.value = true;
    error.value = null;
    try {
      list.value = (await kbApi.categories()).data;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  const tree = computed(() => kbCategoryTree(list.value, locale.value));
  const options = (exclude?: string) => categoryOptions(list.value, locale.value, exclude);
  return { list, loading, error, load, tree, options };
}
