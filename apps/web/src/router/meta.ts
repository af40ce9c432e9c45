import type { PermissionAction, PermissionModule } from '@keyuan/shared';
import 'vue-router';
import type { ListPrefetch } from '@/composables/listPrefetch';

/** Product areas of the side menu, in display order. */
export const MENU_GROUPS = ['customers', 'sales', 'finance', 'service', 'marketing', 'analytics', 'admin'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

export interface RoutePermission {
  module: PermissionModule;
  action: PermissionAction;
}

export interface RouteMenu {
  /** Omit for a top-level entry (Home). */
  group?: MenuGroup;
  /** A key of layouts/menu-icons.ts. */
  icon?: string;
  order?: number;
  /**
   * Hide the entry when the user's scope on the route's permission module is `own`: a list that can only
   * show oneself (a rep's Users page) is a dead end, not a menu entry.
   */
  beyondOwn?: boolean;
}

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title, breadcrumb, menu). */
    titleKey?: string;
    /** Reachable without signing in. */
    public?: boolean;
    /** The permission needed to open the route; also hides its menu entry. */
    permission?: RoutePermission;
    /** Present when the route has a side-menu entry. */
    menu?: RouteMenu;
    /** Name of the route shown before this one in the breadcrumbs (a list page for a detail page). */
    parent?: string;
    /** A list page: the router asks for its first rows as soon as the navigation is allowed. */
    list?: ListPrefetch;
  }
}
