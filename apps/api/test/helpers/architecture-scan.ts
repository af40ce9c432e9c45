import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Source scans behind architecture.spec.ts: who owns which table, which tables a file's SQL names, and
 * which services hand out their repository or data source.
 */
export const SRC = join(__dirname, '..', '..', 'src');

export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

export const rel = (file: string) => relative(SRC, file);
/** `modules/leads/x.ts` → `leads`; core and migrations → null. */
export const moduleOf = (path: string) => /^modules\/([^/]+)\//.exec(path)?.[1] ?? null;

const ENTITY = /@Entity\(\s*'([a-z_]+)'/g;
const CREATE_TABLE = /CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?"?([a-z_]+)"?/g;
const WRITE = /\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?([a-z_]+)"?/g;
const NAMED = /\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+"?([a-z_]+)"?/g;
const BUILDER = /\.(?:from|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect|into|update)\(\s*['"`]([a-z_]+)['"`]/g;

/** The text of a file's string and template literals (where SQL lives), comments left out. */
function literals(text: string): string {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return (noComments.match(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"/g) ?? []).join('\n');
}

/**
 * Owner of each table: the module (or `core`) declaring its entity; for a table a migration creates
 * without an entity (link and index tables), the one module that writes rows into it (core when core
 * writes it). A table written by several modules has no owner, and every module naming it is reported.
 */
export function tableOwners(files: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  const writers = new Map<string, Set<string>>();
  const created = new Set<string>();
  for (const file of files) {
    const path = rel(file);
    const text = readFileSync(file, 'utf8');
    const owner = moduleOf(path) ?? (path.startsWith('core/') ? 'core' : null);
    for (const m of text.matchAll(ENTITY)) if (owner) owners.set(m[1], owner);
    if (path.startsWith('migrations/')) for (const m of text.matchAll(CREATE_TABLE)) created.add(m[1]);
    if (!owner) continue;
    for (const m of literals(text).matchAll(WRITE)) {
      if (!writers.has(m[1])) writers.set(m[1], new Set());
      writers.get(m[1])!.add(owner);
    }
  }
  for (const table of created) {
    if (owners.has(table)) continue;
    const w = [...(writers.get(table) ?? [])];
    // infrastructure tables core writes (settings, idempotency keys) are core's whoever else writes them
    if (w.includes('core')) owners.set(table, 'core');
    else owners.set(table, w.length === 1 ? w[0] : `unowned (written by ${w.join(', ') || 'nobody'})`);
  }
  return owners;
}

/** `file: table (owner)` for each table of another module that a module file's SQL names. */
export function crossModuleSql(files: string[], owners: Map<string, string>): string[] {
  const out: string[] = [];
  for (const file of files) {
    const path = rel(file);
    const from = moduleOf(path);
    if (!from) continue;
    const text = readFileSync(file, 'utf8');
    const named = new Set<string>();
    for (const m of literals(text).matchAll(NAMED)) named.add(m[1]);
    for (const m of text.matchAll(BUILDER)) named.add(m[1]);
    for (const table of named) {
      const owner = owners.get(table);
      if (owner && owner !== from && owner !== 'core') out.push(`${path}: ${table} (${owner})`);
    }
  }
  return out.sort();
}

const EXPOSED = /(?<!private |protected )(?:public )?readonly (\w+)\s*:\s*(DataSource|EntityManager|Repository<|RecordStore<|\w+Records\b)/g;

/** `file: field` for each service field that is a repository, data source or record store and not private. */
export function exposedStores(files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const path = rel(file);
    if (!moduleOf(path) || !path.endsWith('.service.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(EXPOSED)) out.push(`${path}: ${m[1]}`);
  }
  return out.sort();
}
