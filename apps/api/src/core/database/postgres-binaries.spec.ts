import { mkdtempSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirReachable } from './postgres-binaries';

describe('mkdirReachable', () => {
  it('opens the folders it creates and leaves existing ones as they were', () => {
    const base = mkdtempSync(join(tmpdir(), 'keyuan-reach-'));
    try {
      chmodSync(base, 0o1777); // like /tmp
      const dir = join(base, 'a', 'b');
      const old = process.umask(0o077);
      try {
        mkdirReachable(dir);
      } finally {
        process.umask(old);
      }
      expect(statSync(base).mode & 0o7777).toBe(0o1777);
      expect(statSync(join(base, 'a')).mode & 0o777).toBe(0o755);
      expect(statSync(dir).mode & 0o777).toBe(0o755);
      mkdirReachable(dir); // already there: nothing changes
      expect(statSync(base).mode & 0o7777).toBe(0o1777);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
