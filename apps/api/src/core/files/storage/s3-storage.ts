import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { S3StorageConfig } from '../../config/app-config';
import { FileStorage, StoredObject, StoredObjectMissing } from './file-storage';
import { assertSafeKey } from './local-storage';
import { lazyModule } from '../../lazy/lazy-module';

// only instances with STORAGE_DRIVER=s3 load the SDK
const sdk = lazyModule<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph, OSS/COS in S3 mode) through the AWS SDK v3 client, so
 * several API instances share files. Objects are `<prefix><key>`; uploads stream with a known length.
 */
export class S3FileStorage implements FileStorage {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly cfg: S3StorageConfig) {
    const { S3Client } = sdk();
    this.client = new S3Client({
      endpoint: cfg.endpoint,
      region: cfg.region,
      forcePathStyle: cfg.forcePathStyle,
      credentials: cfg.accessKeyId && cfg.secretAccessKey ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } : undefined,
      // MinIO and other S3-compatible servers differ in the newer checksum trailers: send them only where S3 requires one
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    assertSafeKey(key);
    return `${this.cfg.prefix}${key}`;
  }

  async put(key: string, source: Readable, size: number, contentType?: string): Promise<void> {
    // the SDK does not watch the body for errors: a failing source aborts the request (S3 then keeps nothing)
    const abort = new AbortController();
    let failure: Error | undefined;
    const onError = (e: Error) => {
      failure = e;
      abort.abort(e);
    };
    source.once('error', onError);
    try {
      await this.client.send(new (sdk().PutObjectCommand)({ Bucket: this.cfg.bucket, Key: this.objectKey(key), Body: source, ContentLength: size, ContentType: contentType }), {
        abortSignal: abort.signal,
      });
    } catch (e) {
      throw failure ?? e;
    } finally {
      source.off('error', onError);
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new (sdk().GetObjectCommand)({ Bucket: this.cfg.bucket, Key: this.objectKey(key) }));
      if (!out.Body) throw new StoredObjectMissing(key);
      return out.Body as Readable;
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) throw new StoredObjectMissing(key);
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new (sdk().DeleteObjectCommand)({ Bucket: this.cfg.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new (sdk().ListObjectsV2Command)({ Bucket: this.cfg.bucket, Prefix: this.cfg.prefix || undefined, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        yield { key: o.Key.slice(this.cfg.prefix.length), modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
