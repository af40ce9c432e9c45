import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';

export type Cell = string | number | boolean | null | undefined;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

/**
 * One `COPY <table> (<columns>) FROM STDIN` in PostgreSQL's text format, fed row by row with
 * backpressure. With `freeze` the caller's transaction must have created or truncated the table
 * (the rows are then written frozen and all-visible: no VACUUM needed before index-only scans).
 */
export class CopyWriter {
  private readonly stream: Writable;
  private readonly done: Promise<void>;
  private buf: string[] = [];
  private bufLen = 0;
  rows = 0;

  constructor(client: PoolClient, table: string, columns: string[], opts: { freeze?: boolean } = {}) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN${opts.freeze ? ' WITH (FREEZE)' : ''}`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', () => resolve());
      this.stream.on('error', reject);
    });
    // surface errors early instead of at end()
    this.done.catch(() => undefined);
  }

  /** Queues a row; resolves at once unless the socket is full. */
  write(row: Cell[]): Promise<void> | undefined {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + cell(row[i]);
    this.buf.push(line);
    this.bufLen += line.length;
    this.rows++;
    if (this.bufLen < 256 * 1024) return undefined;
    return this.flush();
  }

  private flush(): Promise<void> | undefined {
    if (!this.buf.length) return undefined;
    const chunk = Buffer.from(this.buf.join('\n') + '\n', 'utf8');
    this.buf = [];
    this.bufLen = 0;
    if (this.stream.write(chunk)) return undefined;
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        this.stream.off('drain', onDrain);
        reject(e);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  async end(): Promise<number> {
    await this.flush();
    this.stream.end();
    await this.done;
    return this.rows;
  }
}
