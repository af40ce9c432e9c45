import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type request from 'supertest';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '@core/config/app-config';
import { configureApp } from '@core/http/configure-app';
import { createTestDatabase } from './test-database';
import { contractHttp } from './contract-http';

export const ADMIN_EMAIL = 'admin@keyuan.local';
export const ADMIN_PASSWORD = 'Admin123!';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  url: string;
  config: AppConfig;
  /** Logs in and returns the access token. */
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL, ADMIN_PASSWORD, SEED_DEMO: 'false', JOBS_ENABLED: 'false' }),
    authRateLimit: { points: 1000, windowSec: 60 },
    publicRateLimit: { points: 1000, windowSec: 60 },
    webDist: '/nonexistent',
    ...overrides,
  };
}

// Apps a spec file started and has not closed, and starts still running (a beforeAll that timed out on a busy
// machine leaves its start going): closed after the file, so a failed file does not keep its worker alive.
const openApps = new Set<TestApp>();
const starting = new Set<Promise<unknown>>();

/** Closes what the spec file left open (the setup file calls it after every file). */
export async function closeLeftoverApps(): Promise<void> {
  await Promise.allSettled([...starting]);
  for (const t of [...openApps]) await t.close().catch(() => undefined);
}

/** Boots the real Nest app on `url` (a fresh database unless given) with the production HTTP setup. */
export function startApp(opts: { url?: string; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const start = bootApp(opts);
  starting.add(start);
  void start.finally(() => starting.delete(start)).catch(() => undefined);
  return start;
}

async function bootApp(opts: { url?: string; config?: Partial<AppConfig> }): Promise<TestApp> {
  const db = opts.url ? { url: opts.url, drop: async () => undefined } : await createTestDatabase();
  // stored files go to a folder of this app's own (removed on close) unless the test names one
  const ownFiles = opts.config?.filesDir ? undefined : mkdtempSync(join(tmpdir(), 'keyuan-test-files-'));
  const config = testConfig({ ...(ownFiles ? { filesDir: ownFiles } : {}), ...opts.config });
  const app = await NestFactory.create(AppModule.forRoot(config, db.url), { logger: process.env.TEST_LOGS === 'true' ? ['log', 'error', 'warn'] : ['error'], abortOnError: false });
  configureApp(app, config);
  await app.init();
  const http = contractHttp(app.getHttpServer());
  let closed: Promise<void> | undefined;
  const testApp: TestApp = {
    app,
    http,
    url: db.url,
    config,
    async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
      const res = await http.post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    close() {
      openApps.delete(testApp);
      closed ??= app
        .close()
        .then(() => db.drop())
        .finally(() => ownFiles && rmSync(ownFiles, { recursive: true, force: true }));
      return closed;
    },
  };
  openApps.add(testApp);
  return testApp;
}
