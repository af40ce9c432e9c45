import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startApp, TestApp } from './helpers/test-app';

/** The production build's layout: index.html, hashed assets with the .br/.gz copies the web build writes. */
function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyuan-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/index-abc123.js"></script>');
  const js = `export const answer = ${JSON.stringify('客源'.repeat(2000))};\n`;
  writeFileSync(join(dir, 'assets/index-abc123.js'), js);
  writeFileSync(join(dir, 'assets/index-abc123.js.br'), brotliCompressSync(js));
  writeFileSync(join(dir, 'assets/index-abc123.js.gz'), gzipSync(js));
  return dir;
}

describe('the SPA served by the API (e2e)', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = fakeWebDist();
    t = await startApp({ config: { webDist: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli copy of an asset to a browser that accepts it, cached as immutable', async () => {
    const res = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    // the bytes sent are the build's brotli copy (supertest inflates them for the assertion below)
    expect(Number(res.headers['content-length'])).toBe(statSync(join(dist, 'assets/index-abc123.js.br')).size);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.text).toContain('客源客源');
  });

  it('sends gzip to a client without brotli and the plain file to one without either', async () => {
    const gz = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toContain('客源客源'); // supertest inflates gzip itself
    const plain = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('export const answer');
  });

  it('answers 404 for an asset that is not there (never index.html), and index.html for app routes, revalidated', async () => {
    const missing = await t.http.get('/assets/index-old999.js').expect(404);
    expect(missing.text).not.toContain('<div id="app">');
    const page = await t.http.get('/leads').expect(200);
    expect(page.text).toContain('<div id="app">');
    expect(page.headers['cache-control']).toBe('no-cache');
    await t.http.get('/api/v1/no-such-thing').expect(404).expect('content-type', /json/);
  });
});
