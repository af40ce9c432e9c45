import { type Component, computed, markRaw, shallowReactive } from 'vue';
import type { RoutePermission } from '@/router/meta';
import { useAuthStore } from '@/stores/auth';

/**
 * A tab another domain adds to a record's detail page (an account's opportunities, contracts,
 * tickets...). The component gets `recordId` as a prop; pass it lazily (defineAsyncComponent).
 */
export interface RecordTab {
  /** The record type whose detail page shows it: `account`, `contact`, `lead`. */
  entity: string;
  name: string;
  labelKey: string;
  component: Component;
  permission?: RoutePermission;
  order?: number;
}

const tabs = shallowReactive<RecordTab[]>([]);

export function registerRecordTab(tab: RecordTab): void {
  const at = tabs.findIndex((t) => t.entity === tab.entity && t.name === tab.name);
  const entry = { ...tab, component: markRaw(tab.component) };
  if (at >= 0) tabs.splice(at, 1, entry);
  else tabs.push(entry);
}

/** The registered tabs of `entity` the user may see, in order. */
export function useRecordTabs(entity: string) {
  const auth = useAuthStore();
  return computed(() =>
    tabs
      .filter((t) => t.entity === entity && (!t.permission || auth.can(t.permission.module, t.permission.action)))
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100)),
  );
}
