import { type Component, computed, markRaw, shallowReactive } from 'vue';
import type { RoutePermission } from '@/router/meta';
import { useAuthStore } from '@/stores/auth';

/** A card a domain puts on the home page (pass a lazy component: defineAsyncComponent). */
export interface HomeWidget {
  id: string;
  component: Component;
  permission?: RoutePermission;
  order?: number;
  /** Grid columns out of 24 on a wide screen. */
  span?: number;
  /** Shown only when this holds too (e.g. a team card for a scope wider than one's own records). */
  when?: (auth: ReturnType<typeof useAuthStore>) => boolean;
}

const widgets = shallowReactive<HomeWidget[]>([]);

export function registerHomeWidget(widget: HomeWidget): void {
  const at = widgets.findIndex((w) => w.id === widget.id);
  const entry = { ...widget, component: markRaw(widget.component) };
  if (at >= 0) widgets.splice(at, 1, entry);
  else widgets.push(entry);
}

export function useHomeWidgets() {
  const auth = useAuthStore();
  return computed(() =>
    widgets
      .filter((w) => (!w.permission || auth.can(w.permission.module, w.permission.action)) && (!w.when || w.when(auth)))
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100)),
  );
}
