import { existsSync, readFileSync, statSync } from 'node:fs';
import type { LoadRequest } from './load';

export interface Statement {
  sql: string;
  params: unknown[];
}

const TX_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b/i;

/** Reads the statements the server appended to its SQL log since `offset`. */
function readSince(file: string, offset: number): { statements: Statement[]; end: number } {
  if (!existsSync(file)) return { statements: [], end: 0 };
  const buf = readFileSync(file);
  const text = buf.subarray(offset).toString('utf8');
  const statements = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Statement)
    .filter((s) => !TX_CONTROL.test(s.sql))
    .map((s) => ({ sql: s.sql, params: s.params }));
  return { statements, end: buf.length };
}

/**
 * Sends one iteration of a scenario's requests (sequentially) to a server started with SQL_LOG_FILE
 * and returns the statements it ran for them, in order: what the floor replays and what is EXPLAINed.
 */
export async function captureSql(baseUrl: string, file: string, requests: LoadRequest[], headers: Record<string, string>): Promise<Statement[]> {
  const start = existsSync(file) ? statSync(file).size : 0;
  for (const r of requests) {
    const res = await fetch(baseUrl + (typeof r.path === 'string' ? r.path : r.path()), {
      method: r.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...headers, ...r.headers },
      body: r.body ? JSON.stringify(r.body()) : undefined,
    });
    if (!res.ok) throw new Error(`${r.method ?? 'GET'} ${typeof r.path === 'string' ? r.path : '(dynamic)'} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
  }
  return readSince(file, start).statements;
}
