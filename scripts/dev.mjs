// `pnpm dev`: the API in watch mode and the Vite dev server (proxying /api and /docs to the API).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

if (!existsSync(join(root, 'libs/shared/dist/index.js'))) await run('pnpm', ['--filter', '@keyuan/shared', 'run', 'build']);
const procs = [
  spawn('pnpm', ['--filter', '@keyuan/api', 'run', 'dev'], { cwd: root, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@keyuan/web', 'run', 'dev'], { cwd: root, stdio: 'inherit' }),
];
const stop = (sig) => procs.forEach((p) => p.kill(sig));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
procs.forEach((p) => p.on('exit', (code) => { stop('SIGTERM'); process.exitCode = code ?? 0; }));
