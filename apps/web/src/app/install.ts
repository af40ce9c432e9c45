import { createPinia } from 'pinia';
import type { App } from 'vue';
import { setSessionExpiredHandler } from '@/api/client';
import { createAppRouter } from '@/router';
import { useAuthStore } from '@/stores/auth';
import { i18n } from './i18n';

/** Plugin setup: pinia, i18n, router, and what happens when the session runs out. */
export function installApp(app: App): void {
  const pinia = createPinia();
  app.use(pinia);
  app.use(i18n);
  const router = createAppRouter();
  app.use(router);

  setSessionExpiredHandler(() => {
    const auth = useAuthStore(pinia);
    const wasSignedIn = auth.isAuthenticated;
    auth.clear();
    const current = router.currentRoute.value;
    if (wasSignedIn && !current.meta.public) {
      void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
    }
  });
}
