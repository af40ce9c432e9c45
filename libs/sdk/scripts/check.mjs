// Fails when src/schema.d.ts is not what openapi-typescript generates from ../../openapi.yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'keyuan-sdk-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, '../../openapi.yaml'), '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const committed = readFileSync(join(root, 'src/schema.d.ts'), 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error('libs/sdk/src/schema.d.ts is stale: run `pnpm openapi` (or `pnpm --filter @keyuan/sdk generate`) and commit it.');
    process.exit(1);
  }
  console.log('libs/sdk/src/schema.d.ts is up to date with openapi.yaml');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
