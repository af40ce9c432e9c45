import { createRouter, createWebHistory, type Router } from 'vue-router';
import { prefetchFirstPage } from '@/composables/listPrefetch';
import { useAuthStore } from '@/stores/auth';
import { createGuard } from './guard';
import { routes } from './routes';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
  // Start fetching the page's code while the guard restores the session (refresh + me): on a cold load
  // the two no longer wait for each other. Errors surface when the router itself loads the component.
  router.beforeEach((to) => {
    for (const record of to.matched) {
      const component = record.components?.default;
      // a lazy route component is a bare function (vue-router tells it from a functional component the same way)
      const lazy = typeof component === 'function' && !('displayName' in component) && !('props' in component) && !('__vccOpts' in component);
      if (lazy) void Promise.resolve((component as () => unknown)()).catch(() => undefined);
    }
  });
  router.beforeEach(createGuard(() => useAuthStore()));
  // only reached when the guard let the navigation through: the session is restored and the page allowed
  // on entering a list page only: the page's own filter/sort changes replace the URL and load by themselves
  router.beforeEach((to, from) => {
    if (to.meta.list && to.name !== from.name) prefetchFirstPage(to.meta.list, to.query);
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
