import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';
import { chunkGroups, chunkMap, preloadEarly } from './chunk-groups.ts';
import { precompress } from './precompress.ts';

const apiTarget = process.env.VITE_API_TARGET ?? 'http://localhost:3000';
// Under vitest the CSS side-imports of Element Plus are useless and slow: leave them out.
const importStyle = process.env.VITEST ? false : 'css';

export default defineConfig({
  plugins: [
    vue(),
    chunkMap(),
    preloadEarly(),
    precompress(),
    AutoImport({
      resolvers: [ElementPlusResolver({ importStyle })],
      dts: 'src/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver({ importStyle })],
      dts: 'src/components.d.ts',
      // Our own components are imported explicitly.
      dirs: [],
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@keyuan/shared': fileURLToPath(new URL('../../libs/shared/src/index.ts', import.meta.url)),
      '@keyuan/sdk': fileURLToPath(new URL('../../libs/sdk/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/docs': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    // one stylesheet (~40 KB gzip) instead of one per chunk: fewer requests on a cold page load
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        // Left alone, every component, composable and Element Plus part becomes its own file: a cold
        // list page fetched ~100 files. Grouped (see chunk-groups.ts): a page loads ~10–20.
        // a group takes only the modules it matches, not their dependencies (Vue would follow vue-echarts)
        codeSplitting: { groups: chunkGroups, includeDependenciesRecursively: false },
      },
    },
  },
});
