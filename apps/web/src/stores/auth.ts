import type { DataScope, PermissionAction, PermissionGrant, PermissionModule } from '@keyuan/shared';
import { can as canGrant } from '@keyuan/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, refreshSession, session, takeEarlyMe, unwrap } from '@/api/client';
import type { Ok } from '@/api/types';

export type Me = Ok<'/api/v1/auth/me', 'get'>;

/** Who is signed in and what they may do. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  let restoring: Promise<boolean> | null = null;

  const user = computed(() => me.value?.user ?? null);
  const roles = computed(() => me.value?.roles ?? []);
  const grants = computed(() => (me.value?.permissions ?? []) as unknown as PermissionGrant[]);
  const specialPermissions = computed(() => me.value?.specialPermissions ?? []);
  const isAuthenticated = computed(() => me.value !== null);
  /** An admin reset the password: the app asks for a new one before anything else. */
  const mustChangePassword = computed(() => me.value?.user.mustChangePassword === true);

  async function loadMe(): Promise<void> {
    me.value = await unwrap(api.GET('/api/v1/auth/me'));
  }

  async function login(email: string, password: string): Promise<void> {
    const tokens = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
    session.setTokens(tokens);
    await loadMe();
  }

  /** Sets a new password; the answer is a fresh session (every other one ended). */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const tokens = await unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));
    session.setTokens(tokens);
    await loadMe();
  }

  /**
   * A reload holds only the refresh token: a new access token first (index.html's first script may have
   * got it, and `/auth/me` with it, while the code downloaded), then who the user is.
   */
  async function restoreMe(): Promise<void> {
    if (session.accessToken === null) await refreshSession();
    const early = takeEarlyMe();
    const answer = early ? await early : null;
    if (answer) me.value = answer as Me;
    else await loadMe();
  }

  /** After a reload: the refresh token (if any) buys a new access token through the 401 path. */
  function restore(): Promise<boolean> {
    if (me.value) return Promise.resolve(true);
    if (!session.hasSession) return Promise.resolve(false);
    restoring ??= restoreMe()
      .then(() => true)
      .catch(() => false)
      .finally(() => {
        restoring = null;
      });
    return restoring;
  }

  async function logout(): Promise<void> {
    const refreshToken = session.refreshToken;
    if (refreshToken) {
      await api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    }
    clear();
  }

  /** Forget the user locally (session expired or logged out). */
  function clear(): void {
    me.value = null;
    session.clear();
  }

  function can(module: PermissionModule | string, action: PermissionAction | string = 'read'): boolean {
    return canGrant(grants.value, module as PermissionModule, action as PermissionAction);
  }

  function scopeOf(module: PermissionModule): DataScope | null {
    return grants.value.find((g) => g.module === module)?.scope ?? null;
  }

  function hasSpecial(code: string): boolean {
    return specialPermissions.value.includes(code);
  }

  return {
    me,
    user,
    roles,
    grants,
    specialPermissions,
    isAuthenticated,
    mustChangePassword,
    login,
    changePassword,
    loadMe,
    restore,
    logout,
    clear,
    can,
    scopeOf,
    hasSpecial,
  };
});
