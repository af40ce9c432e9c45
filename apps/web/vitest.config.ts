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
    },
  }),
);
