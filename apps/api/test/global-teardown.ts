import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestPostgres } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __KEYUAN_PG__?: TestPostgres }).__KEYUAN_PG__;
  if (!state) return;
  await state.pg.stop();
  rmSync(state.folder, { recursive: true, force: true });
  // a private temp folder sends the data to the shared fallback folder (usableDataDir): remove it there too
  if (!state.pg.dataDir.startsWith(state.folder))
    rmSync(dirname(state.pg.dataDir), { recursive: true, force: true });
}
