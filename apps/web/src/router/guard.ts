import type { NavigationGuardWithThis, RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import { allowed, type CanFn } from './menu';

export interface GuardAuth {
  readonly isAuthenticated: boolean;
  restore(): Promise<boolean>;
  can: CanFn;
  /** After an admin's password reset: every page waits for a new password. */
  readonly mustChangePassword?: boolean;
}

/** Only same-site paths are accepted as a post-login destination. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * Decides a navigation: public pages pass; everything else needs a session (restored from the
 * refresh token after a reload) and the permission every matched route declares, else 403.
 */
export async function decide(to: RouteLocationNormalized, auth: GuardAuth): Promise<true | RouteLocationRaw> {
  if (to.meta.public) {
    if (to.name === 'login' && (auth.isAuthenticated || (await auth.restore()))) {
      return safeRedirect(to.query.redirect);
    }
    return true;
  }
  if (!auth.isAuthenticated && !(await auth.restore())) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  if (auth.mustChangePassword && to.name !== 'change-password') {
    return { name: 'change-password', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  const denied = to.matched.some((record) => !allowed(record.meta.permission, auth.can));
  if (denied) return { name: 'forbidden', query: { from: to.fullPath } };
  return true;
}

export function createGuard(getAuth: () => GuardAuth): NavigationGuardWithThis<undefined> {
  return (to) => decide(to, getAuth());
}
