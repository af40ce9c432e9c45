import { INestApplication } from '@nestjs/common';
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

/** Boots the real Nest app on `url` (a fresh database unless given) with the production HTTP setup. */
export async function startApp(opts: { url?: string; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const db = opts.url ? { url: opts.url, drop: async () => undefined } : await createTestDatabase();
  const config = testConfig(opts.config);
  const app = await NestFactory.create(AppModule.forRoot(config, db.url), { logger: process.env.TEST_LOGS === 'true' ? ['log', 'error', 'warn'] : ['error'], abortOnError: false });
  configureApp(app, config);
  await app.init();
  const http = contractHttp(app.getHttpServer());
  return {
    app,
    http,
    url: db.url,
    config,
    async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
      const res = await http.post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
