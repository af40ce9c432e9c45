import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { type CustomModule, objectsApi } from '../api';

/** The custom module of the route (`:object`), loaded from the API; `missing` when it does not exist or is not readable. */
export function useModule() {
  const route = useRoute();
  const key = computed(() => String(route.params.object ?? ''));
  const module = ref<CustomModule | null>(null);
  const missing = ref(false);
  watch(
    key,
    async (k) => {
      module.value = null;
      missing.value = false;
      if (!k) return;
      try {
        module.value = await objectsApi.get(k);
      } catch {
        missing.value = true;
      }
    },
    { immediate: true },
  );
  return { key, module, missing };
}
