// tsc does not copy hand-written .d.ts files: put the generated schema beside the compiled index.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(root, 'src/schema.d.ts'), join(root, 'dist/schema.d.ts'));
