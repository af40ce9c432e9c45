import { ref, shallowRef, watch, type WatchSource } from 'vue';

/** One record of a detail page: loaded when `id` changes, with loading/error state (reveals: useReveal). */
export function useRecord<T>(id: WatchSource<string>, load: (id: string) => Promise<T>) {
  const record = shallowRef<T | null>(null);
  const loading = ref(true);
  const error = shallowRef<unknown>(null);
  let current = '';

  async function reload(): Promise<void> {
    loading.value = record.value === null;
    error.value = null;
    try {
      record.value = await load(current);
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  watch(
    id,
    (value) => {
      current = value;
      record.value = null;
      void reload();
    },
    { immediate: true },
  );

  return { record, loading, error, reload };
}
