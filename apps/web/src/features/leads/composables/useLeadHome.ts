import { ref, shallowRef } from 'vue';
import { type LeadHome, leadsApi } from '../api';

/** "No follow-up for N days" on the home page. */
export const STALE_DAYS = 7;
let inflight: Promise<LeadHome> | null = null;

/** The home summary, fetched once for the widgets that show it at the same time (my day, my team). */
export function useLeadHome() {
  const data = shallowRef<LeadHome | null>(null);
  const loading = ref(true);
  const error = shallowRef<unknown>(null);

  async function load() {
    loading.value = true;
    error.value = null;
    try {
      inflight ??= leadsApi.home({ staleDays: STALE_DAYS, returnWithinDays: 3 }).finally(() => setTimeout(() => (inflight = null), 0));
      data.value = await inflight;
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  void load();
  return { data, loading, error, load };
}
