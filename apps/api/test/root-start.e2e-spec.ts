import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { freePort, usableDataDir } from '@core/database/embedded-postgres';
import { privateCheckout, repoRoot } from './helpers/private-checkout';

/**
 * `pnpm start` (scripts/start.mjs → the built API → embedded PostgreSQL) from a checkout inside a folder
 * of mode 0700, as a clone in /root is: as root, PostgreSQL runs as the `postgres` OS user, which can reach
 * neither the data folder nor the binaries under node_modules there.
 */
const built = existsSync(join(repoRoot, 'apps/api/dist/main.js'));
const asRoot = process.getuid?.() === 0;
if (!built) console.log('root-start: skipped, the API is not built (pnpm build)');
else if (!asRoot)
  console.log('root-start: the start from a private folder as root is skipped, this user is not root');

// a test that times out must not leave its server running (jest's worker could not exit)
const running = new Set<ChildProcess>();
afterAll(() => running.forEach((c) => c.kill('SIGTERM')));

interface Run {
  exit: Promise<number | null>;
  output: () => string;
  stop(): Promise<number | null>;
}

function start(root: string, env: Record<string, string>): Run {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    ADMIN_PASSWORD: 'Admin123!',
    LOG_FORMAT: 'text',
    ...env,
  };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  child.stderr.on('data', (c: Buffer) => (out += c));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  running.add(child);
  void exit.then(() => running.delete(child));
  return {
    exit,
    output: () => out,
    stop: () => (child.kill('SIGTERM'), exit),
  };
}

async function healthy(port: number, run: Run): Promise<unknown> {
  let exited = false;
  void run.exit.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the server exited:\n${run.output()}`);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined);
    if (res?.ok) return res.json();
    await new Promise((r) => setTimeout(r, 200));
  }
}

(built ? describe : describe.skip)('start from a private folder (e2e)', () => {
  let checkout: { folder: string; root: string };
  beforeAll(() => {
    checkout = privateCheckout();
  });
  afterAll(() => {
    const dataDir = join(checkout.root, '.data/postgres');
    const used = usableDataDir(dataDir);
    if (used !== dataDir) rmSync(dirname(used), { recursive: true, force: true });
    rmSync(checkout.folder, { recursive: true, force: true });
  });

  (asRoot ? it : it.skip)(
    'as root, `pnpm start` runs the embedded PostgreSQL and stops cleanly on SIGTERM',
    async () => {
      const port = await freePort();
      const run = start(checkout.root, { PORT: String(port) });
      let health: unknown;
      let code: number | null;
      try {
        health = await healthy(port, run); // throws with the server's output when it exits instead
      } finally {
        code = await run.stop();
      }
      expect(health).toEqual({ status: 'ok', database: 'up' });
      expect(code).toBe(0);
      expect(run.output()).not.toMatch(/EACCES|Error:|\n\s+at /);
    },
    120_000,
  );

  it('a database that cannot start ends with one sentence saying what to do', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const pgPort = (busy.address() as { port: number }).port;
    try {
      const run = start(checkout.root, { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) });
      expect(await run.exit).toBe(1);
      const complaints = run
        .output()
        .split('\n')
        .filter((l) => /error|fail|did not start/i.test(l));
      expect(complaints).toHaveLength(1);
      expect(complaints[0]).toMatch(
        /^.*The embedded PostgreSQL did not start: port \d+: .*already in use; set EMBEDDED_PG_PORT to a free port.*\.\S*$/,
      );
      expect(run.output()).not.toMatch(/\n\s+at |Unhandled|EACCES/);
    } finally {
      busy.close();
    }
  }, 120_000);
});
