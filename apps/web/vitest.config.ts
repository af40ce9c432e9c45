import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['src/**/*.spec.ts', 'src/**/__tests__/**/*.test.ts', 'src/**/__tests__/**/*.spec.ts'],
      setupFiles: ['src/test/setup.ts'],
      server: { deps: { inline: ['element-plus'] } },
      restoreMocks: true,
      // mounting Element Plus dialogs in jsdom takes 3–6 s when the machine is busy; 5 s (the default) flakes
      testTimeout: 20000,
    },
  }),
);
