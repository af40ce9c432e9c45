import { reactive, shallowRef, watch } from 'vue';
import { type AnalyticsFilters, analyticsApi } from '../api';

type Loader = keyof Omit<typeof analyticsApi, 'targets' | 'createTarget' | 'updateTarget' | 'removeTarget'>;
type Result<K extends Loader> = Awaited<ReturnType<(typeof analyticsApi)[K]>>;

/** One figure of the dashboard: its data, loading and error, reloaded when the filters change. */
export interface Figure<K extends Loader> {
  data: Result<K> | null;
  loading: boolean;
  error: unknown;
  load(): Promise<void>;
}

/** The dashboard's figures over shared filters (date range, owner, department, pipeline); each loads on its own. */
export function useAnalytics(keys: Loader[], initial: AnalyticsFilters = {}) {
  const filters = shallowRef<AnalyticsFilters>(initial);
  const figures = reactive({}) as { [K in Loader]: Figure<K> };
  for (const key of keys) {
    const fig = reactive({
      data: null,
      loading: true,
      error: null,
      async load() {
        fig.loading = true;
        fig.error = null;
        try {
          fig.data = (await analyticsApi[key](clean(filters.value))) as never;
        } catch (e) {
          fig.error = e;
        } finally {
          fig.loading = false;
        }
      },
    }) as Figure<typeof key>;
    (figures as Record<string, unknown>)[key] = fig;
  }
  const reload = () => Promise.all(keys.map((k) => figures[k].load()));
  watch(filters, () => void reload(), { immediate: true });
  return { filters, figures, reload };
}

/** Drops empty filter values (the API answers 400 to an empty uuid). */
export function clean(f: AnalyticsFilters): AnalyticsFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== '')) as AnalyticsFilters;
}
