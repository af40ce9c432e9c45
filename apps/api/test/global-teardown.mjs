import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const state = globalThis.__KEYUAN_PG__;
  if (!state) return;
  await Promise.race([state.pg.stop(), new Promise((r) => setTimeout(r, 5000).unref())]);
  rmSync(state.dir, { recursive: true, force: true });
}
