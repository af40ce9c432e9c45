import { computed, ref, shallowRef } from 'vue';
import { type Pipeline, pipelinesApi } from '../api';

/** The pipelines with their stages (loaded once per page), and lookups by id. */
export function usePipelines() {
  const pipelines = shallowRef<Pipeline[]>([]);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);

  async function reload(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      pipelines.value = await pipelinesApi.list();
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  const byId = (id: string | null | undefined) => pipelines.value.find((p) => p.id === id) ?? null;
  const defaultPipeline = computed(() => pipelines.value.find((p) => p.isDefault) ?? pipelines.value[0] ?? null);
  const stage = (id: string | null | undefined) => pipelines.value.flatMap((p) => p.stages).find((s) => s.id === id) ?? null;

  return { pipelines, loading, error, reload, byId, defaultPipeline, stage };
}
