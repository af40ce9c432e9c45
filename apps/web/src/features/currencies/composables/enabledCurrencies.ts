import { computed, type ComputedRef, ref } from 'vue';
import { currenciesApi } from '../api';

const FALLBACK = ['CNY'];
const codes = ref<string[]>([]);
let loading: Promise<void> | null = null;

/**
 * The currencies a record may be created in (the enabled ones, the base first) for every currency select,
 * loaded once and shared; the server checks the same list (422 CURRENCY_NOT_ENABLED). `keep` is a record's
 * current currency, still offered when it was disabled since.
 */
export function useEnabledCurrencies(keep?: () => string | null | undefined): ComputedRef<string[]> {
  loading ??= currenciesApi
    .list({ enabled: true })
    .then((l) => {
      codes.value = l.data.map((c) => c.code);
    })
    .catch(() => {
      loading = null; // try again next time; meanwhile the base only
    });
  return computed(() => {
    const list = codes.value.length ? codes.value : FALLBACK;
    const current = keep?.();
    return current && !list.includes(current) ? [...list, current] : list;
  });
}

/** After an admin enabled or disabled a currency: the next select loads the list again. */
export function invalidateEnabledCurrencies(): void {
  loading = null;
  codes.value = [];
}
