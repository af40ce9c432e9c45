import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback: answers queued responses per path (then 200 "ok") and keeps what it got. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly replies = new Map<string, { status: number; headers?: Record<string, string>; body?: string }[]>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const r = this.replies.get(req.url ?? '')?.shift() ?? { status: 200, body: 'ok' };
        res.writeHead(r.status, { 'content-type': 'text/plain', ...r.headers });
        res.end(r.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Queues the next answer on `path`. */
  reply(path: string, status: number, headers?: Record<string, string>, body?: string): this {
    this.replies.set(path, [...(this.replies.get(path) ?? []), { status, headers, body }]);
    return this;
  }

  /** Received requests on one path. */
  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
