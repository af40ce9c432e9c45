import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type request from 'supertest';
// s3rver ships no types: a local S3-compatible server on loopback
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (opts: object) => { run(): Promise<AddressInfo>; close(): Promise<void> };
import type { S3StorageConfig } from '@core/config/app-config';
import { AttachmentsService } from '@core/files/attachments.service';
import type { FileStorage } from '@core/files/storage/file-storage';
import { StoredObjectMissing } from '@core/files/storage/file-storage';
import { LocalFileStorage } from '@core/files/storage/local-storage';
import { S3FileStorage } from '@core/files/storage/s3-storage';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)), Buffer.from('\n%%EOF\n')]);
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const readAll = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const keysOf = async (s: FileStorage) => {
  const keys: string[] = [];
  for await (const o of s.list()) keys.push(o.key);
  return keys.sort();
};

/** The same contract for every driver: streamed put/get, list, remove, a missing key, an unsafe key, a failed write leaves nothing. */
async function driverContract(store: FileStorage) {
  const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
  await store.put('a1', Readable.from([PDF]), PDF.length, 'application/pdf');
  await store.put('b2', Readable.from((function* () { for (let i = 0; i < big.length; i += 65536) yield big.subarray(i, i + 65536); })()), big.length);
  expect(Buffer.compare(await readAll(await store.get('a1')), PDF)).toBe(0);
  expect(Buffer.compare(await readAll(await store.get('b2')), big)).toBe(0);
  expect(await keysOf(store)).toEqual(['a1', 'b2']);
  await expect(store.get('nope')).rejects.toBeInstanceOf(StoredObjectMissing);
  await expect(store.put('../etc/passwd', Readable.from([PDF]), PDF.length)).rejects.toThrow(/unsafe/);
  await expect(store.get('a/../../b')).rejects.toThrow(/unsafe/);
  // a source that fails half way: nothing is left under the key
  const failing = new Readable({ read() { this.push(Buffer.alloc(1024)); this.destroy(new Error('client went away')); } });
  await expect(store.put('c3', failing, 4096)).rejects.toThrow();
  await expect(store.get('c3')).rejects.toBeInstanceOf(StoredObjectMissing);
  await store.remove('a1');
  await store.remove('a1'); // already gone: no error
  expect(await keysOf(store)).toEqual(['b2']);
}

/**
 * File storage (core/files/storage): the local driver against a temp folder and the S3 driver against a
 * local S3-compatible server (s3rver) on loopback; then the whole app configured for S3: contract
 * attachments stream into the bucket and back through HTTP with the caller's scope, and the hourly sweep
 * removes objects without a row.
 */
describe('file storage (e2e)', () => {
  let s3dir: string;
  let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
  let s3: S3StorageConfig;

  beforeAll(async () => {
    s3dir = mkdtempSync(join(tmpdir(), 'keyuan-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3dir, configureBuckets: [{ name: 'keyuan-test' }] });
    const addr = await server.run();
    s3 = { endpoint: `http://127.0.0.1:${addr.port}`, bucket: 'keyuan-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix: '' };
  });

  afterAll(async () => {
    await server?.close();
    rmSync(s3dir, { recursive: true, force: true });
  });

  it('local driver: streams in and out of a folder, never outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyuan-local-'));
    try {
      await driverContract(new LocalFileStorage(dir));
      expect(readdirSync(dir)).toEqual(['b2']); // no .part left behind
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('S3 driver: the same against a local S3-compatible server, under a key prefix', async () => {
    await driverContract(new S3FileStorage({ ...s3, prefix: 'driver-test/' }));
    // the prefix keeps it apart from other users of the bucket
    expect(await keysOf(new S3FileStorage({ ...s3, prefix: 'other/' }))).toEqual([]);
  });

  describe('the app on S3', () => {
    let t: TestApp;
    let org: Org;
    let rep1: { id: string; token: string };
    let rep2: { id: string; token: string };
    let contractId: string;
    const bucket = () => new S3FileStorage({ ...s3, prefix: 'app/' });

    beforeAll(async () => {
      t = await startApp({ config: { storage: { driver: 's3', s3: { ...s3, prefix: 'app/' } }, filesMaxBytes: 8 * 1024 * 1024 } });
      org = await buildOrg(t);
      rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
      rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south });
      const account = (await t.http.post('/api/v1/accounts').set(bearer(rep1.token)).send({ name: '上海云启科技有限公司' }).expect(201)).body.id;
      contractId = (await t.http.post('/api/v1/contracts').set(bearer(rep1.token)).send({ accountId: account, title: '年度服务合同', amount: '12000.00' }).expect(201)).body.id;
    }, 60000);

    afterAll(async () => {
      await t?.close();
    });

    it('stores contract attachments in the bucket and streams them back to readers only', async () => {
      // 6 MB: larger than any in-memory buffer of the upload path would comfortably hold per request
      const big = Buffer.concat([PDF.subarray(0, 9), Buffer.alloc(6 * 1024 * 1024, 0x41)]);
      const up = await t.http.post(`/api/v1/contracts/${contractId}/attachments`).set(bearer(rep1.token)).attach('file', big, '扫描件.pdf').expect(201);
      expect(up.body).toMatchObject({ fileType: 'pdf', sizeBytes: big.length, fileName: '扫描件.pdf' });
      expect(await keysOf(bucket())).toEqual([up.body.id]);
      const dl = await t.http.get(`/api/v1/contracts/${contractId}/attachments/${up.body.id}`).set(bearer(rep1.token)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(dl.body as Buffer, big)).toBe(0);
      expect(dl.headers['content-length']).toBe(String(big.length));
      // outside the contract's scope: 404, never the bytes
      await t.http.get(`/api/v1/contracts/${contractId}/attachments/${up.body.id}`).set(bearer(rep2.token)).expect(404);
      // refused types never reach the bucket
      await t.http.post(`/api/v1/contracts/${contractId}/attachments`).set(bearer(rep1.token)).attach('file', Buffer.from('MZ\x90\x00', 'latin1'), 'x.pdf').expect(415);
      const tooBig = await t.http.post(`/api/v1/contracts/${contractId}/attachments`).set(bearer(rep1.token)).attach('file', Buffer.alloc(8 * 1024 * 1024 + 1, 0x25), 'y.pdf').expect(413);
      expect(tooBig.body.code).toBe('FILE_TOO_LARGE');
      expect(await keysOf(bucket())).toEqual([up.body.id]);
    }, 60000);

    it('the sweep deletes objects no row names once past the grace, and keeps the others', async () => {
      await bucket().put('00000000-0000-4000-8000-000000000000', Readable.from([PDF]), PDF.length);
      const kept = await t.http.post(`/api/v1/contracts/${contractId}/attachments`).set(bearer(rep1.token)).attach('file', PDF, 'kept.pdf').expect(201);
      const gone = await t.http.post(`/api/v1/contracts/${contractId}/attachments`).set(bearer(rep1.token)).attach('file', PDF, 'gone.pdf').expect(201);
      await t.http.delete(`/api/v1/contracts/${contractId}/attachments/${gone.body.id}`).set(bearer(rep1.token)).expect(204);
      const files = t.app.get(AttachmentsService);
      expect(await files.sweepOrphans(60_000)).toBe(0);
      expect(await files.sweepOrphans(0, Date.now() + 1000)).toBe(2);
      const left = await keysOf(bucket());
      expect(left).toContain(kept.body.id);
      expect(left).not.toContain(gone.body.id);
      await t.http.get(`/api/v1/contracts/${contractId}/attachments/${kept.body.id}`).set(bearer(rep1.token)).expect(200);
    }, 60000);
  });
});
