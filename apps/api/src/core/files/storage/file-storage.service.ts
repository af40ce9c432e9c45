import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FileStorage, StorageKind } from './file-storage';
import { LocalFileStorage } from './local-storage';
import { S3FileStorage } from './s3-storage';

/**
 * The configured storage (`STORAGE_DRIVER`: `local` under FILES_DIR, or `s3` with STORAGE_S3_*) for new
 * files, and the driver that holds an existing file by the kind its row recorded.
 */
@Injectable()
export class FileStorageService {
  readonly local: LocalFileStorage;
  readonly s3: S3FileStorage | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.local = new LocalFileStorage(config.filesDir);
    this.s3 = config.storage.driver === 's3' && config.storage.s3 ? new S3FileStorage(config.storage.s3) : null;
  }

  /** Where new files go. */
  get current(): FileStorage {
    return this.s3 ?? this.local;
  }

  /** The driver for a file stored as `kind`; null when this instance is not configured for it. */
  driver(kind: StorageKind): FileStorage | null {
    return kind === 's3' ? this.s3 : this.local;
  }

  async open(kind: StorageKind, key: string): Promise<Readable> {
    const d = this.driver(kind);
    if (!d) throw new Error(`files stored in ${kind} but this instance has no ${kind} storage configured`);
    return d.get(key);
  }
}
