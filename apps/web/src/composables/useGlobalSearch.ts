import { computed, shallowReactive } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import type { RoutePermission } from '@/router/meta';
import { useAuthStore } from '@/stores/auth';

export interface SearchHit {
  id: string;
  title: string;
  subtitle?: string;
  to: RouteLocationRaw;
}

/** A domain registers one of these to appear in the top bar's search. */
export interface SearchProvider {
  id: string;
  /** i18n key of the result group's label. */
  labelKey: string;
  /** A hit's own group label (a custom module's name), shown instead of `labelKey`'s. */
  groupOf?(hit: SearchHit): string | undefined;
  /** Providers the user may not read are skipped. */
  permission?: RoutePermission;
  search(q: string): Promise<SearchHit[]>;
}

export interface SearchResultGroup {
  provider: SearchProvider;
  hits: SearchHit[];
  error?: unknown;
}

const providers = shallowReactive<SearchProvider[]>([]);

export function registerSearchProvider(provider: SearchProvider): void {
  const at = providers.findIndex((p) => p.id === provider.id);
  if (at >= 0) providers.splice(at, 1, provider);
  else providers.push(provider);
}

export function unregisterSearchProvider(id: string): void {
  const at = providers.findIndex((p) => p.id === id);
  if (at >= 0) providers.splice(at, 1);
}

export function useGlobalSearch() {
  const auth = useAuthStore();
  const available = computed(() =>
    providers.filter((p) => !p.permission || auth.can(p.permission.module, p.permission.action)),
  );

  /** Asks every permitted provider at once; one failing provider does not hide the others. */
  async function search(q: string): Promise<SearchResultGroup[]> {
    const term = q.trim();
    if (term.length === 0) return [];
    const settled = await Promise.allSettled(available.value.map((p) => p.search(term)));
    return settled.map((result, i) => ({
      provider: available.value[i],
      hits: result.status === 'fulfilled' ? result.value : [],
      error: result.status === 'rejected' ? result.reason : undefined,
    }));
  }

  return { available, search };
}
