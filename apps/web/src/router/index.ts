import { createRouter, createWebHistory, type Router } from 'vue-router';
import { t } from '@/app/i18n';
import { useAuthStore } from '@/stores/auth';
import { createGuard } from './guard';
import { routes } from './routes';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
  router.beforeEach(createGuard(() => useAuthStore()));
  router.afterEach((to) => {
    const title = to.meta.titleKey ? t(to.meta.titleKey) : '';
    document.title = title ? `${title} · ${t('common.appName')}` : t('common.appName');
  });
  // After a deploy the old page asks for chunks that no longer exist: load the new build once.
  router.onError((error, to) => {
    const chunkFailed = /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
      String((error as Error)?.message),
    );
    if (chunkFailed && sessionStorage.getItem('keyuan.chunkReload') !== to.fullPath) {
      sessionStorage.setItem('keyuan.chunkReload', to.fullPath);
      window.location.assign(to.fullPath);
    }
  });
  router.afterEach(() => sessionStorage.removeItem('keyuan.chunkReload'));
  return router;
}
