import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { AppModule } from '../app.module';
import { findRepoRoot, loadConfig } from '@core/config/app-config';
import { buildOpenApi, configureApp } from '@core/http/configure-app';

/**
 * Builds the OpenAPI document without a database (preview mode) and writes or checks `openapi.yaml`.
 * `--check` fails when the committed file differs from what the code describes.
 */
async function main() {
  const mode = process.argv.includes('--check') ? 'check' : 'write';
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview' }), webDist: '/nonexistent' };
  const app = await NestFactory.create(AppModule.forRoot(config, config.databaseUrl!), { preview: true, logger: false });
  configureApp(app, config);
  const doc = buildOpenApi(app);
  const text = stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0, sortMapEntries: false });
  const file = join(findRepoRoot(), 'openapi.yaml');
  if (mode === 'write') {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  } else {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error('openapi.yaml is stale: run `pnpm openapi` and commit the result');
      process.exit(1);
    }
    console.log('openapi.yaml is up to date');
  }
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
