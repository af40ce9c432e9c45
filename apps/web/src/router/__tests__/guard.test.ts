import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { decide, type GuardAuth, safeRedirect } from '@/router/guard';
import { buildMenu } from '@/router/menu';
import { layoutRoutes, routes } from '@/router/routes';

const Stub = { template: '<div />' };

function fakeAuth(opts: { signedIn?: boolean; restores?: boolean; grants?: string[] } = {}): GuardAuth {
  let signedIn = opts.signedIn ?? false;
  return {
    get isAuthenticated() {
      return signedIn;
    },
    restore: vi.fn(async () => {
      signedIn = opts.restores ?? false;
      return signedIn;
    }),
    can: (module, action) => (opts.grants ?? []).includes(`${module}:${action}`),
  };
}

/** The real route table with stub components, so the guard sees the real meta. */
function stubbed(records: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return records.map((r) => ({ ...r, component: Stub, children: r.children ? stubbed(r.children) : undefined }) as RouteRecordRaw);
}

async function resolve(path: string, auth: GuardAuth) {
  const router = createRouter({ history: createMemoryHistory(), routes: stubbed(routes) });
  router.beforeEach((to) => decide(to, auth));
  await router.push(path);
  return router.currentRoute.value;
}

describe('route guard', () => {
  it('sends a signed-out visitor to login, remembering where they wanted to go', async () => {
    const auth = fakeAuth();
    const route = await resolve('/admin/users?active=true', auth);
    expect(route.name).toBe('login');
    expect(route.query.redirect).toBe('/admin/users?active=true');
    expect(auth.restore).toHaveBeenCalled();
  });

  it('lets a reload through when the refresh token restores the session', async () => {
    const route = await resolve('/admin/users', fakeAuth({ restores: true, grants: ['users:read'] }));
    expect(route.name).toBe('admin-users');
  });

  it('shows 403 for a page the role does not allow', async () => {
    const route = await resolve('/admin/roles', fakeAuth({ signedIn: true, grants: ['users:read'] }));
    expect(route.name).toBe('forbidden');
    expect(route.query.from).toBe('/admin/roles');
  });

  it('checks the permission of the exact action (create needs create)', async () => {
    const auth = fakeAuth({ signedIn: true, grants: ['roles:read'] });
    expect((await resolve('/admin/roles/new', auth)).name).toBe('forbidden');
    const ok = fakeAuth({ signedIn: true, grants: ['roles:read', 'roles:create'] });
    expect((await resolve('/admin/roles/new', ok)).name).toBe('admin-role-new');
  });

  it('opens pages without a permission for anyone signed in, and 404 for unknown paths', async () => {
    expect((await resolve('/', fakeAuth({ signedIn: true }))).name).toBe('home');
    expect((await resolve('/no/such/page', fakeAuth({ signedIn: true }))).name).toBe('not-found');
  });

  it('sends a signed-in user away from the login page to the redirect', async () => {
    const route = await resolve('/login?redirect=/admin/users', fakeAuth({ signedIn: true, grants: ['users:read'] }));
    expect(route.name).toBe('admin-users');
  });

  it('accepts only same-site redirects', () => {
    expect(safeRedirect('/admin/users')).toBe('/admin/users');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});

describe('menu from the route table', () => {
  const can = (grants: string[]) => (m: string, a: string) => grants.includes(`${m}:${a}`);

  it('shows the admin group only to those who may read its pages', () => {
    const admin = buildMenu(layoutRoutes, can(['users:read', 'departments:read', 'roles:read']));
    expect(admin.map((s) => s.group ?? 'top')).toEqual(['top', 'admin']);
    expect(admin[1].items.map((i) => i.name)).toEqual(['admin-users', 'admin-departments', 'admin-roles']);
    expect(admin[1].items[0].path).toBe('/admin/users');

    const rep = buildMenu(layoutRoutes, can(['leads:read', 'pools:read']));
    expect(rep.map((s) => s.group ?? 'top')).toEqual(['top', 'customers']);
    // every signed-in user has "my approvals"
    expect(rep[0].items.map((i) => i.name)).toEqual(['home', 'approvals', 'notices']);
    expect(rep[1].items.map((i) => i.name)).toEqual(['leads', 'pools']);

    const integrations = buildMenu(layoutRoutes, can(['integrations:read']));
    expect(integrations[1].items.map((i) => i.name)).toEqual(['admin-api-keys', 'admin-webhooks']);

    const mail = buildMenu(layoutRoutes, can(['email:read', 'email:update']));
    expect(mail[1].group).toBe('marketing');
    expect(mail[1].items.map((i) => i.name)).toEqual(['email-broadcasts', 'email-templates']);

    const settings = buildMenu(layoutRoutes, can(['settings:read']));
    expect(settings[1].items.map((i) => i.name)).toEqual(['lead-assignment-rules', 'lead-forms', 'approval-flows', 'workflow-rules', 'admin-business-calendars', 'admin-custom-fields', 'admin-custom-modules', 'admin-settings']);
    // backups hold every table: only settings:update sees them
    const settingsAdmin = buildMenu(layoutRoutes, can(['settings:read', 'settings:update']));
    expect(settingsAdmin[1].items.map((i) => i.name)).toEqual(['lead-assignment-rules', 'admin-pipelines', 'lead-forms', 'approval-flows', 'workflow-rules', 'admin-business-calendars', 'admin-custom-fields', 'admin-custom-modules', 'admin-settings', 'email-accounts', 'admin-backups']);
  });

  it('hides a list that could only show oneself (Users for a rep whose users scope is own)', () => {
    const grants = can(['users:read', 'leads:read']);
    const own = buildMenu(layoutRoutes, grants, () => 'own');
    expect(own.flatMap((s) => s.items.map((i) => i.name))).not.toContain('admin-users');
    const dept = buildMenu(layoutRoutes, grants, () => 'department');
    expect(dept.flatMap((s) => s.items.map((i) => i.name))).toContain('admin-users');
  });

  it('orders groups as the product is organised and entries by meta.menu.order', () => {
    const table: RouteRecordRaw[] = [
      { path: 'b', name: 'b', component: Stub, meta: { titleKey: 'b', menu: { group: 'admin', order: 2 } } },
      { path: 'a', name: 'a', component: Stub, meta: { titleKey: 'a', menu: { group: 'admin', order: 1 } } },
      { path: 'deal', name: 'deal', component: Stub, meta: { titleKey: 'd', menu: { group: 'sales' } } },
      { path: 'lead', name: 'lead', component: Stub, meta: { titleKey: 'l', menu: { group: 'customers' }, permission: { module: 'leads', action: 'read' } } },
      { path: 'hidden', name: 'hidden', component: Stub, meta: { titleKey: 'h' } },
    ];
    const menu = buildMenu(table, can(['leads:read']));
    expect(menu.map((s) => s.group)).toEqual(['customers', 'sales', 'admin']);
    expect(menu[2].items.map((i) => i.name)).toEqual(['a', 'b']);
    expect(buildMenu(table, can([])).map((s) => s.group)).toEqual(['sales', 'admin']);
  });
});
