/**
 * The floor: a minimal `node:http` server on `pg`, no framework, no validation, no auth, no mapping.
 * `GET /<scenario key>` runs that scenario's captured statements (exactly what the API ran for one
 * request, with the same parameters, in order) and answers the rows as JSON. Whatever the API does
 * beyond this is the framework's and our code's cost.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Pool } from 'pg';

interface Statement {
  sql: string;
  params: unknown[];
}

const scenarios = JSON.parse(readFileSync(process.env.FLOOR_SCENARIOS!, 'utf8')) as Record<string, Statement[]>;
// the same pool size as the API (DB_POOL_SIZE default)
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE || 10), application_name: 'keyuan-bench-floor' });

const server = createServer((req, res) => {
  const key = decodeURIComponent((req.url ?? '/').slice(1));
  if (key === 'health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  const statements = scenarios[key];
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  (async () => {
    const results: unknown[] = [];
    for (const s of statements) results.push((await pool.query(s.sql, s.params)).rows);
    const body = JSON.stringify({ data: results });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  })().catch((e: unknown) => {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
