import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import * as tar from 'tar-stream';
import { FileStorageService } from '@core/files/storage/file-storage.service';
import { restoreBackup, RestoreRefused, tableChecksums, verifyArchive, writeBackup } from '@modules/backup/backup-archive';
import { BackupsService } from '@modules/backup/backups.service';
import { startApp, TestApp, testConfig } from './helpers/test-app';
import { bearer, buildOrg, createUser } from './helpers/fixtures';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 251)), Buffer.from('\n%%EOF\n')]);

async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_ADMIN_DATABASE_URL!;
  const name = `keyuan_restore_${process.env.JEST_WORKER_ID ?? '0'}_${Math.random().toString(16).slice(2, 10)}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

async function tableCount(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const n = (await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n as number;
  await c.end();
  return n;
}

/** Backup and restore: a snapshot of every table and stored file, restored into a fresh database with the same row counts, checksums and files; damaged, newer and non-empty cases refused with nothing written. */
describe('backup and restore (e2e)', () => {
  let t: TestApp;
  let work: string;
  let archive: string;
  let adminToken: string;
  let repToken: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'keyuan-backup-test-'));
    t = await startApp({ config: { backupDir: join(work, 'backups') } });
    archive = join(work, 'backup.tar.gz');
    const org = await buildOrg(t);
    const rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    adminToken = org.adminToken;
    repToken = rep.token;
    const account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '上海云启科技有限公司', street: '张江路 100 号\t3 楼 \\ B 座', tags: ['重点', 'a"b'] }).expect(201)).body.id;
    const contract = (await t.http.post('/api/v1/contracts').set(bearer(rep.token)).send({ accountId: account, title: '年度服务合同', amount: '12000.00' }).expect(201)).body.id;
    await t.http.post(`/api/v1/contracts/${contract}/attachments`).set(bearer(rep.token)).attach('file', PDF, '合同.pdf').expect(201);
    await t.http.post(`/api/v1/contracts/${contract}/attachments`).set(bearer(rep.token)).attach('file', Buffer.concat([PDF, PDF]), '附件.pdf').expect(201);
    await t.http.patch('/api/v1/settings').set(bearer(org.adminToken)).send({ companyNameZh: '备份测试公司' }).expect(200);
  }, 90000);

  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('round trip: a fresh database gets every table with the same row count and checksum, and every stored file', async () => {
    const manifest = await writeBackup(t.url, t.app.get(FileStorageService), createWriteStream(archive));
    expect(manifest.tables.length).toBeGreaterThan(40);
    expect(manifest.tables.find((x) => x.name === 'accounts')!.rows).toBe(1);
    expect(manifest.files).toHaveLength(2);
    expect(manifest.migrationName).toMatch(/\d{13}$/);

    const target = await emptyDatabase();
    const filesDir = mkdtempSync(join(work, 'files-'));
    try {
      const storage = new FileStorageService(testConfig({ filesDir }));
      await restoreBackup(archive, target.url, storage);
      const restored = await tableChecksums(target.url);
      expect(restored.map(({ name, rows, sha256 }) => ({ name, rows, sha256 }))).toEqual(manifest.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })));
      for (const f of manifest.files) expect(createHash('sha256').update(readFileSync(join(filesDir, f.key))).digest('hex')).toBe(f.sha256);
      // the restored database works: an app on it logs in, reads the account, downloads the file, and new rows get fresh ids
      const t2 = await startApp({ url: target.url, config: { filesDir } });
      try {
        const token = await t2.login();
        const accounts = (await t2.http.get('/api/v1/accounts').set(bearer(token)).expect(200)).body.data as { name: string }[];
        expect(accounts.map((a) => a.name)).toEqual(['上海云启科技有限公司']);
        expect((await t2.http.get('/api/v1/settings').set(bearer(token)).expect(200)).body.companyNameZh).toBe('备份测试公司');
        await t2.http.post('/api/v1/accounts').set(bearer(token)).send({ name: '恢复后新建' }).expect(201);
        // a second restore into it is refused: it holds data
        await expect(restoreBackup(archive, target.url, storage)).rejects.toMatchObject({ code: 'BACKUP_TARGET_NOT_EMPTY' });
      } finally {
        await t2.close();
      }
    } finally {
      await target.drop();
    }
  }, 180000);

  it('admins make, list and download backups over HTTP; others get 403; retention keeps the newest', async () => {
    const made = (await t.http.post('/api/v1/admin/backups').set(bearer(adminToken)).expect(201)).body as { name: string; sizeBytes: number };
    expect(made.name).toMatch(/^keyuan-\d{8}T\d{6}Z-[a-z0-9]+\.tar\.gz$/);
    const list = (await t.http.get('/api/v1/admin/backups').set(bearer(adminToken)).expect(200)).body.data as { name: string }[];
    expect(list.map((b) => b.name)).toEqual([made.name]);
    const dl = await t.http
      .get(`/api/v1/admin/backups/${made.name}`)
      .set(bearer(adminToken))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((dl.body as Buffer).length).toBe(made.sizeBytes);
    writeFileSync(join(work, 'downloaded.tar.gz'), dl.body as Buffer);
    expect((await verifyArchive(join(work, 'downloaded.tar.gz'))).files).toHaveLength(2);
    await t.http.post('/api/v1/admin/backups').set(bearer(repToken)).expect(403);
    await t.http.get('/api/v1/admin/backups').set(bearer(repToken)).expect(403);
    await t.http.get(`/api/v1/admin/backups/${made.name}`).set(bearer(repToken)).expect(403);
    await t.http.get('/api/v1/admin/backups/..%2F..%2Fpackage.json').set(bearer(adminToken)).expect(404);
    await t.http.post('/api/v1/admin/backups').set(bearer(adminToken)).expect(201);
    const backups = t.app.get(BackupsService);
    expect(await backups.prune(1)).toBe(1);
    expect((await backups.list()).map((b) => b.name)).not.toContain(made.name);
  }, 120000);

  it('refuses a corrupted archive and one from a newer version, writing nothing', async () => {
    const bytes = readFileSync(archive);
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)] ^= 0xff;
    writeFileSync(join(work, 'damaged.tar.gz'), damaged);
    writeFileSync(join(work, 'truncated.tar.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));

    const pack = tar.pack();
    const manifest = JSON.stringify({ format: 1, createdAt: new Date().toISOString(), migrationVersion: 9999999999999, migrationName: 'Future9999999999999', tables: [], files: [] });
    pack.entry({ name: 'manifest.json' }, manifest);
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
    writeFileSync(join(work, 'newer.tar.gz'), gzipSync(Buffer.concat(chunks)));

    const target = await emptyDatabase();
    try {
      const storage = new FileStorageService(testConfig({ filesDir: mkdtempSync(join(work, 'files-')) }));
      for (const name of ['damaged.tar.gz', 'truncated.tar.gz']) {
        const err = await restoreBackup(join(work, name), target.url, storage).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RestoreRefused);
        expect((err as RestoreRefused).code).toBe('BACKUP_CORRUPT');
      }
      const newer = await restoreBackup(join(work, 'newer.tar.gz'), target.url, storage).catch((e: unknown) => e);
      expect((newer as RestoreRefused).code).toBe('BACKUP_NEWER_VERSION');
      expect((newer as Error).message).toContain('9999999999999');
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      await target.drop();
    }
  }, 120000);
});
