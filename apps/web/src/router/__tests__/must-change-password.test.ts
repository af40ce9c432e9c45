import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { decide, type GuardAuth } from '@/router/guard';
import { routes } from '@/router/routes';

const Stub = { template: '<div />' };
const stubbed = (records: readonly RouteRecordRaw[]): RouteRecordRaw[] =>
  records.map((r) => ({ ...r, component: Stub, children: r.children ? stubbed(r.children) : undefined }) as RouteRecordRaw);

async function resolve(path: string, auth: GuardAuth) {
  const router = createRouter({ history: createMemoryHistory(), routes: stubbed(routes) });
  router.beforeEach((to) => decide(to, auth));
  await router.push(path);
  return router.currentRoute.value;
}

const auth = (mustChangePassword: boolean): GuardAuth => ({
  isAuthenticated: true,
  restore: async () => true,
  can: () => true,
  mustChangePassword,
});

describe('route guard after an admin password reset', () => {
  it('sends every page to "choose a new password", remembering the page', async () => {
    const route = await resolve('/leads?status=new', auth(true));
    expect(route.name).toBe('change-password');
    expect(route.query.redirect).toBe('/leads?status=new');
    expect((await resolve('/change-password', auth(true))).name).toBe('change-password');
  });

  it('lets the user through once the password is changed', async () => {
    expect((await resolve('/leads', auth(false))).name).toBe('leads');
  });
});
