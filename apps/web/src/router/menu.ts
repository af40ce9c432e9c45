import type { RouteRecordRaw } from 'vue-router';
import { MENU_GROUPS, type MenuGroup, type RoutePermission } from './meta';

export interface MenuItem {
  name: string;
  path: string;
  titleKey: string;
  icon?: string;
  order: number;
}

export interface MenuSection {
  /** undefined for the top-level entries. */
  group?: MenuGroup;
  items: MenuItem[];
}

export type CanFn = (module: string, action: string) => boolean;
/** The user's data scope on a module (`own`, `department`, `all`), null without a grant. */
export type ScopeFn = (module: never) => string | null;

export function allowed(permission: RoutePermission | undefined, can: CanFn): boolean {
  return !permission || can(permission.module, permission.action);
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${parent.replace(/\/$/, '')}/${path}`.replace(/\/+/g, '/');
}

function collect(routes: readonly RouteRecordRaw[], parent: string, can: CanFn, out: (MenuItem & { group?: MenuGroup })[], scopeOf?: ScopeFn) {
  for (const route of routes) {
    const path = joinPath(parent, route.path);
    if (!allowed(route.meta?.permission, can)) continue;
    const menu = route.meta?.menu;
    const onlyOneself = menu?.beyondOwn && route.meta?.permission && scopeOf?.(route.meta.permission.module as never) === 'own';
    if (menu && !onlyOneself && typeof route.name === 'string' && route.meta?.titleKey) {
      out.push({
        name: route.name,
        path,
        titleKey: route.meta.titleKey,
        icon: menu.icon,
        order: menu.order ?? 100,
        group: menu.group,
      });
    }
    if (route.children) collect(route.children, path, can, out, scopeOf);
  }
}

/** The side menu from the route table: the entries the user may open, grouped and ordered. */
export function buildMenu(routes: readonly RouteRecordRaw[], can: CanFn, scopeOf?: ScopeFn): MenuSection[] {
  const items: (MenuItem & { group?: MenuGroup })[] = [];
  collect(routes, '/', can, items, scopeOf);
  const byOrder = (a: MenuItem, b: MenuItem) => a.order - b.order;
  const strip = ({ group: _group, ...item }: MenuItem & { group?: MenuGroup }): MenuItem => item;
  const sections: MenuSection[] = [];
  const top = items.filter((i) => !i.group).sort(byOrder);
  if (top.length) sections.push({ items: top.map(strip) });
  for (const group of MENU_GROUPS) {
    const inGroup = items.filter((i) => i.group === group).sort(byOrder);
    if (inGroup.length) sections.push({ group, items: inGroup.map(strip) });
  }
  return sections;
}
