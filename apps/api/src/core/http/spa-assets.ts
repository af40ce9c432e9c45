import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A year: asset names carry their content hash, so a new build never reuses a name. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * The SPA's hashed assets (`/assets/*`): the brotli or gzip file the build wrote beside each one (see the
 * web build's precompress plugin) when the browser accepts it — a cold list page moves ~390 KB instead
 * of ~1.2 MB and the server spends no CPU compressing — cached as immutable. An asset that does not
 * exist is a 404, never index.html (an old page after a deploy would otherwise parse HTML as a script).
 * index.html itself is served by the SPA fallback with `no-cache`, so a deploy is seen at once.
 */
export function serveSpaAssets(app: INestApplication, webDist: string): void {
  const assets = join(webDist, 'assets');
  if (!existsSync(assets)) return;
  app.use(
    '/assets',
    expressStaticGzip(assets, {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: { immutable: true, maxAge: ASSET_MAX_AGE_MS, fallthrough: true },
    }),
    (_req: Request, res: Response, _next: NextFunction) => {
      res.status(404).type('text/plain').setHeader('Cache-Control', 'no-store');
      res.end('Not found');
    },
  );
}
