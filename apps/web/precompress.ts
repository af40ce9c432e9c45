import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|json|svg|html|txt)$/;
/** Below this a compressed copy saves less than its own request overhead. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` (brotli, maximum quality) and `<file>.gz` beside every text asset of the build, so the
 * server sends them as they are (express-static-gzip, see the API's core/http/spa-assets.ts) instead of
 * compressing on every request or sending ~1.2 MB of plain JS for a list page.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'keyuan-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        const file = join(assets, name);
        if (!COMPRESSIBLE.test(name) || statSync(file).size < MIN_BYTES) continue;
        const body = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}
