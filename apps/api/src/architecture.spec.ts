import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Module boundaries, checked on the source: core/ imports no domain module; a module reaches another
 * only through its service, DTOs, module or error codes (never its entities' repositories or internals);
 * and the module dependency graph has no cycles.
 */
const SRC = join(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

const IMPORT = /from '(@modules\/[^']+|@core\/[^']+)'/g;
const moduleOf = (path: string) => /^modules\/([^/]+)\//.exec(path)?.[1];

const edges = new Map<string, Set<string>>();
const violations: string[] = [];
for (const file of files(SRC)) {
  const rel = relative(SRC, file);
  const from = moduleOf(rel);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT)) {
    const target = m[1];
    if (rel.startsWith('core/') && target.startsWith('@modules/')) violations.push(`${rel} (core) imports ${target}`);
    const to = /^@modules\/([^/]+)\//.exec(target)?.[1];
    if (!from || !to || from === to) continue;
    const allowed = /(\.service|\.module|\.errors|\/dto\/[^/]+|\.dto|\.mapper|password|built-in-roles)$/.test(target);
    if (!allowed) violations.push(`${rel} imports ${target}: use the other module's service or DTOs`);
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  }
}

function findCycle(): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const next of edges.get(n) ?? []) {
      const c = visit(next);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('architecture', () => {
  it('keeps core free of domain modules and modules talking through services and DTOs', () => {
    expect(violations).toEqual([]);
  });

  it('has no cycles between modules', () => {
    expect(edges.size).toBeGreaterThan(0);
    expect(findCycle()).toBeNull();
  });
});
