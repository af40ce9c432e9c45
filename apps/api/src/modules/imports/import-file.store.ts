import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';

const CHUNK = 1024 * 1024;

/**
 * Uploaded files live in PostgreSQL in 1 MB chunks, so whichever instance runs the import job can read
 * them (no shared disk) and they go away with the import. Reading streams one chunk at a time.
 */
@Injectable()
export class ImportFileStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async save(m: EntityManager, importId: string, path: string): Promise<void> {
    let seq = 0;
    let pending = Buffer.alloc(0);
    const flush = async (buf: Buffer) => {
      await m.query(`INSERT INTO import_file_chunks (import_id, seq, data) VALUES ($1, $2, $3)`, [importId, seq++, buf]);
    };
    for await (const piece of createReadStream(path, { highWaterMark: CHUNK })) {
      pending = Buffer.concat([pending, piece as Buffer]);
      while (pending.length >= CHUNK) {
        await flush(pending.subarray(0, CHUNK));
        pending = pending.subarray(CHUNK);
      }
    }
    if (pending.length || seq === 0) await flush(pending);
  }

  /** The file as a stream of its chunks, fetched one by one. */
  open(importId: string): Readable {
    const ds = this.ds;
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const rows: { data: Buffer }[] = await ds.query(`SELECT data FROM import_file_chunks WHERE import_id = $1 AND seq = $2`, [importId, seq]);
        if (!rows.length) return;
        yield rows[0].data;
      }
    }
    return Readable.from(chunks());
  }

  async head(importId: string, bytes = 65536): Promise<Buffer> {
    const rows: { data: Buffer }[] = await this.ds.query(
      `SELECT substring(data from 1 for $2) AS data FROM import_file_chunks WHERE import_id = $1 AND seq = 0`,
      [importId, bytes],
    );
    return rows[0]?.data ?? Buffer.alloc(0);
  }
}
