import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, StoredObject, StoredObjectMissing } from './file-storage';

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** Keys are flat names; anything that could leave the folder is refused. */
export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key "${key}"`);
}

/** One file per key in a folder (FILES_DIR, default `.data/files`); writes go to `<key>.part` and are renamed. */
export class LocalFileStorage implements FileStorage {
  readonly kind = 'dir' as const;

  constructor(readonly dir: string) {}

  async put(key: string, source: Readable, _size: number): Promise<void> {
    assertSafeKey(key);
    await mkdir(this.dir, { recursive: true });
    const part = join(this.dir, `${key}.part`);
    try {
      await pipeline(source, createWriteStream(part, { flags: 'w' }));
      await rename(part, join(this.dir, key));
    } catch (e) {
      await unlink(part).catch(() => undefined);
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    assertSafeKey(key);
    const path = join(this.dir, key);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new StoredObjectMissing(key);
    return createReadStream(path);
  }

  async remove(key: string): Promise<void> {
    assertSafeKey(key);
    await unlink(join(this.dir, key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  async *list(): AsyncIterable<StoredObject> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (info?.isFile()) yield { key: name, modifiedAt: info.mtime };
    }
  }
}
