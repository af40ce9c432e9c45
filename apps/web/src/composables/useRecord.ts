import { ref, shallowRef, watch, type WatchSource } from 'vue';

/** One record of a detail page: loaded when `id` changes, with loading/error state and a reveal cache. */
export function useRecord<T, R extends object = Record<string, string | null>>(
  id: WatchSource<string>,
  load: (id: string) => Promise<T>,
  reveal?: (id: string) => Promise<R>,
) {
  const record = shallowRef<T | null>(null);
  const loading = ref(true);
  const error = shallowRef<unknown>(null);
  let current = '';
  let revealed: Promise<R> | null = null;

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
      revealed = null;
      void reload();
    },
    { immediate: true },
  );

  /** For MaskedValue: one audited reveal per record, shared by its fields. */
  const revealField = (field: keyof R) => async () => {
    if (!reveal) return null;
    revealed ??= reveal(current).catch((err) => {
      revealed = null;
      throw err;
    });
    return ((await revealed)[field] as string | null) ?? null;
  };

  return { record, loading, error, reload, revealField };
}
