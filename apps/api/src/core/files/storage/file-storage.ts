import type { Readable } from 'node:stream';

/** Where an attachment's bytes live: `dir` a local folder, `s3` S3-compatible object storage (`db`: legacy rows in PostgreSQL). */
export type StorageKind = 'dir' | 's3';

/** A stored object as a listing names it. */
export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/** The object is not there (a missing key). */
export class StoredObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`stored object ${key} is missing`);
  }
}

/**
 * One place for file bytes, whatever holds them. Keys are flat names chosen by the caller (attachment ids);
 * every method streams: no whole file is held in memory.
 */
export interface FileStorage {
  readonly kind: StorageKind;
  /** Writes `size` bytes from `source` under `key`; a reader never sees a half-written object. */
  put(key: string, source: Readable, size: number, contentType?: string): Promise<void>;
  /** The object's bytes as a stream; StoredObjectMissing when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object (no error when it is already gone). */
  remove(key: string): Promise<void>;
  /** Every stored object (for the orphan sweep and backups). */
  list(): AsyncIterable<StoredObject>;
}
