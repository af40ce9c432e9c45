import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import * as tar from 'tar-stream';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@core/database/data-source';
import type { FileStorageService } from '@core/files/storage/file-storage.service';
import type { StorageKind } from '@core/files/storage/file-storage';
import { MIGRATIONS } from '../../migrations';

export const ARCHIVE_FORMAT = 1;

export interface TableManifest {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

export interface FileManifest {
  key: string;
  storage: StorageKind;
  size: number;
  sha256: string;
}

/** The first entry of every archive. */
export interface BackupManifest {
  format: number;
  createdAt: string;
  /** Timestamp of the newest migration applied (the schema version). */
  migrationVersion: number;
  migrationName: string;
  tables: TableManifest[];
  files: FileManifest[];
}

/** Why a restore was refused (nothing was written). */
export class RestoreRefused extends Error {
  constructor(
    readonly code: 'BACKUP_NEWER_VERSION' | 'BACKUP_CORRUPT' | 'BACKUP_TARGET_NOT_EMPTY',
    message: string,
  ) {
    super(message);
  }
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const versionOf = (name: string) => Number(/(\d{13})$/.exec(name)?.[1] ?? 0);

/** Counts rows of COPY text (one `\n` per row: newlines inside values are escaped) and hashes the bytes. */
function meter() {
  const hash = createHash('sha256');
  let rows = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      cb(null, chunk);
    },
  });
  return { stream, result: () => ({ rows, sha256: hash.digest('hex') }) };
}

async function applicationTables(c: Client): Promise<{ name: string; columns: string[]; key: string[] }[]> {
  const tables = (await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`)).rows;
  const out = [];
  for (const t of tables) {
    const cols = await c.query<{ attname: string }>(
      `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [`public.${q(t.name)}`],
    );
    const pk = await c.query<{ attname: string }>(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      [`public.${q(t.name)}`],
    );
    out.push({ name: t.name, columns: cols.rows.map((r) => r.attname), key: pk.rows.map((r) => r.attname) });
  }
  return out;
}

/** `COPY (SELECT … ORDER BY primary key) TO STDOUT`: the same rows give the same bytes, so checksums compare across databases. */
function copyOutSql(t: { name: string; columns: string[]; key: string[] }): string {
  const order = t.key.length ? ` ORDER BY ${t.key.map(q).join(', ')}` : '';
  return `COPY (SELECT ${t.columns.map(q).join(', ')} FROM public.${q(t.name)}${order}) TO STDOUT`;
}

/** Row counts and checksums of every application table, as a backup would record them (tests compare databases with it). */
export async function tableChecksums(databaseUrl: string): Promise<TableManifest[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const out: TableManifest[] = [];
    for (const t of await applicationTables(c)) {
      const m = meter();
      await pipeline(c.query(copyTo(copyOutSql(t))), m.stream, new Writable({ write: (_c, _e, cb) => cb() }));
      out.push({ name: t.name, columns: t.columns, ...m.result() });
    }
    await c.query('COMMIT');
    return out;
  } finally {
    await c.end();
  }
}

/**
 * Writes a backup of the database at `databaseUrl` and its stored files to `out` (tar, gzip): one
 * REPEATABLE READ READ ONLY transaction sees every table at the same instant; each table is streamed with
 * COPY into a temp file (row count and SHA-256 on the way), then `manifest.json`, `data/<table>.copy` and
 * `files/<key>` (objects named by attachment rows of that snapshot) go into the archive. Answers the manifest.
 */
export async function writeBackup(databaseUrl: string, storage: FileStorageService, out: Writable): Promise<BackupManifest> {
  const c = new Client({ connectionString: databaseUrl, application_name: 'keyuan-backup' });
  await c.connect();
  const dir = await mkdtemp(join(tmpdir(), 'keyuan-backup-'));
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const last = (await c.query<{ name: string }>(`SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`)).rows[0];
    const tables: TableManifest[] = [];
    for (const t of await applicationTables(c)) {
      const m = meter();
      await pipeline(c.query(copyTo(copyOutSql(t))), m.stream, createWriteStream(join(dir, `${t.name}.copy`)));
      tables.push({ name: t.name, columns: t.columns, ...m.result() });
    }
    const hasAttachments = tables.some((t) => t.name === 'attachments');
    const files: FileManifest[] = hasAttachments
      ? (
          await c.query<{ storage_key: string; storage: StorageKind; size_bytes: string; sha256: string }>(
            `SELECT storage_key, storage, size_bytes, sha256 FROM attachments WHERE storage <> 'db' ORDER BY storage_key`,
          )
        ).rows.map((r) => ({ key: r.storage_key, storage: r.storage, size: Number(r.size_bytes), sha256: r.sha256 }))
      : [];
    const manifest: BackupManifest = {
      format: ARCHIVE_FORMAT,
      createdAt: new Date().toISOString(),
      migrationVersion: versionOf(last?.name ?? ''),
      migrationName: last?.name ?? '',
      tables,
      files,
    };
    const pack = tar.pack();
    const written = pipeline(pack, createGzip(), out);
    const entry = (name: string, size: number, body: Readable) =>
      new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ name, size }, (err) => (err ? reject(err) : resolve()));
        body.on('error', reject);
        body.pipe(sink);
      });
    const json = Buffer.from(JSON.stringify(manifest, null, 2));
    await entry('manifest.json', json.length, Readable.from([json]));
    for (const t of tables) {
      const path = join(dir, `${t.name}.copy`);
      await entry(`data/${t.name}.copy`, (await stat(path)).size, createReadStream(path));
    }
    for (const f of files) await entry(`files/${f.key}`, f.size, await storage.open(f.storage, f.key));
    pack.finalize();
    await written;
    await c.query('COMMIT');
    return manifest;
  } finally {
    await c.end().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the archive once, calling `onEntry` per entry with its bytes; any tar/gzip error rejects. */
async function readArchive(path: string, onEntry: (name: string, body: Readable) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      onEntry(header.name, Readable.from(stream as unknown as AsyncIterable<Buffer>)).then(
        () => {
          stream.resume();
          next();
        },
        (e) => {
          extract.destroy(e);
          reject(e);
        },
      );
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  await Promise.all([pipeline(createReadStream(path), createGunzip(), extract as unknown as Writable), done]);
}

async function sha256Of(body: Readable): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/**
 * Checks an archive without writing anything: readable gzip and tar, a manifest first, every table's and
 * file's bytes matching the manifest's checksum, nothing missing. Answers the manifest; RestoreRefused
 * BACKUP_CORRUPT otherwise.
 */
export async function verifyArchive(path: string): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  const seen = new Set<string>();
  try {
    await readArchive(path, async (name, body) => {
      if (!manifest) {
        if (name !== 'manifest.json') throw new Error('the archive does not start with manifest.json');
        manifest = JSON.parse((await sha256OfBuffer(body)).toString('utf8')) as BackupManifest;
        return;
      }
      const { sha256 } = await sha256Of(body);
      const table = name.startsWith('data/') ? manifest.tables.find((t) => `data/${t.name}.copy` === name) : undefined;
      const file = name.startsWith('files/') ? manifest.files.find((f) => `files/${f.key}` === name) : undefined;
      const expected = table?.sha256 ?? file?.sha256;
      if (!expected) throw new Error(`unexpected entry ${name}`);
      if (expected !== sha256) throw new Error(`${name}: checksum mismatch`);
      seen.add(name);
    });
  } catch (e) {
    throw new RestoreRefused('BACKUP_CORRUPT', `The archive is damaged and was not restored: ${(e as Error).message}`);
  }
  if (!manifest) throw new RestoreRefused('BACKUP_CORRUPT', 'The archive is empty');
  const missing = [...manifest.tables.map((t) => `data/${t.name}.copy`), ...manifest.files.map((f) => `files/${f.key}`)].filter((n) => !seen.has(n));
  if (missing.length) throw new RestoreRefused('BACKUP_CORRUPT', `The archive is incomplete (missing ${missing.slice(0, 3).join(', ')})`);
  return manifest;
}

async function sha256OfBuffer(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The newest migration this build knows. */
export const CODE_VERSION = Math.max(...MIGRATIONS.map((m) => versionOf(m.name)));

/**
 * Restores an archive into an empty database: verifies it first (nothing is written from a damaged archive
 * or one newer than this build), runs the migrations up to the archive's version, writes the stored files,
 * then in one transaction empties what migrations seeded, COPYs every table in (foreign keys and triggers
 * off for the load: session_replication_role = replica) and moves each sequence past its column's maximum.
 */
export async function restoreBackup(path: string, databaseUrl: string, storage: FileStorageService): Promise<BackupManifest> {
  const manifest = await verifyArchive(path);
  if (manifest.migrationVersion > CODE_VERSION) {
    throw new RestoreRefused('BACKUP_NEWER_VERSION', `The archive is of schema version ${manifest.migrationVersion} (${manifest.migrationName}); this build knows up to ${CODE_VERSION}: upgrade first`);
  }
  const c = new Client({ connectionString: databaseUrl, application_name: 'keyuan-restore' });
  await c.connect();
  try {
    // empty = no tables at all: a restore never mixes with data (or a schema) already there
    const used = await c.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' LIMIT 1`);
    if (used.rowCount) throw new RestoreRefused('BACKUP_TARGET_NOT_EMPTY', 'The target database is not empty: restore into a new, empty database');
    // the schema as of the archive
    const ds = new DataSource({ ...dataSourceOptions(databaseUrl, 2), migrations: MIGRATIONS.filter((m) => versionOf(m.name) <= manifest.migrationVersion) });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    // the files (a failure below leaves them to the orphan sweep)
    await readArchive(path, async (name, body) => {
      const f = name.startsWith('files/') ? manifest.files.find((x) => `files/${x.key}` === name) : undefined;
      if (!f) return;
      await storage.current.put(f.key, body, f.size);
    });
    await c.query('BEGIN');
    await c.query(`SET LOCAL session_replication_role = replica`);
    const names = manifest.tables.map((t) => `public.${q(t.name)}`);
    if (names.length) await c.query(`TRUNCATE ${names.join(', ')}`);
    await readArchive(path, async (name, body) => {
      const t = name.startsWith('data/') ? manifest.tables.find((x) => `data/${x.name}.copy` === name) : undefined;
      if (!t) return;
      await pipeline(body, c.query(copyFrom(`COPY public.${q(t.name)} (${t.columns.map(q).join(', ')}) FROM STDIN`)));
    });
    if (manifest.files.length) await c.query(`UPDATE attachments SET storage = $1 WHERE storage IN ('dir', 's3') AND storage <> $1`, [storage.current.kind]);
    const seqs = await c.query<{ seq: string; tbl: string; col: string }>(
      `SELECT s.oid::regclass::text AS seq, d.refobjid::regclass::text AS tbl, a.attname AS col
         FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S'`,
    );
    for (const s of seqs.rows) {
      await c.query(`SELECT setval($1, COALESCE((SELECT max(${q(s.col)}) FROM ${s.tbl}), 0) + 1, false)`, [s.seq]);
    }
    await c.query('COMMIT');
    return manifest;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end().catch(() => undefined);
  }
}
