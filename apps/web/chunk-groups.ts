/**
 * How the production build groups modules into files (rolldown `output.codeSplitting.groups`). A higher
 * priority claims a module first; `$initial` limits a group to what the first screen loads statically.
 *
 * - `echarts`: ECharts, zrender, vue-echarts and our chart components, all lazy.
 * - `element-plus`: the Element Plus parts (JS and CSS) the entry loads; `element-plus-pages`: the parts
 *   the pages use, one file for all of them instead of one per component (the sign-in page loads it too:
 *   ~180 KB gzip once, cached for every later page).
 * - `element-plus-rare`: components only some feature pages use (calendar, upload, rate…), loaded with the
 *   first page that needs one, so growing features do not grow what every page loads.
 * - `vendor`: Vue, the router, Pinia, vue-i18n, the API client.
 * - `app`: the shell: layout, router, stores, each feature's routes/register files.
 * - `locale-<lang>`: one language's messages, loaded before the app mounts (only the reader's language).
 * - `shared`: our components and composables used by the lazy pages (the record table, forms…).
 * - `feature-<name>`: the pages and components of one feature, loaded when one of its pages opens.
 */
const nm = (pattern: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${pattern})[\\\\/]`);

const EP = nm('element-plus|@element-plus|dayjs|lodash-es|lodash|lodash-unified|@floating-ui|@ctrl|async-validator|@popperjs|memoize-one|normalize-wheel-es|@sxzz|escape-html|@vueuse');
/** Element Plus components only a few pages use (calendars, uploads, ratings…): kept out of the file every page loads. */
const EP_RARE = /[\\/]element-plus[\\/]es[\\/]components[\\/](calendar|upload|rate|statistic|time-select|color-picker|color-picker-panel|transfer|image|image-viewer|carousel|carousel-item|slider|segmented|tour|splitter|watermark|mention)[\\/]/;
const ECHARTS = nm('echarts|zrender|vue-echarts|tslib');
/** Our chart components: lazy, and the only importers of ECharts. */
const CHARTS = /[\\/]apps[\\/]web[\\/]src[\\/]components[\\/]chart[\\/]/;
/** Helpers every chunk uses (Vue's SFC export helper, Vite's preload helper): kept with the framework. */
const HELPERS = /plugin-vue:export-helper|vite[\\/]preload-helper|^\0vite\/preload-helper/;
const SRC = /[\\/]apps[\\/]web[\\/]src[\\/]/;
const FEATURE = /[\\/]apps[\\/]web[\\/]src[\\/]features[\\/]([^\\/]+)[\\/]/;
const LOCALE = /[\\/]apps[\\/]web[\\/]src[\\/]locales[\\/]([^\\/]+)[\\/]/;

type Group = {
  name: string | ((id: string) => string | null);
  test?: RegExp | ((id: string) => boolean);
  priority: number;
  tags?: '$initial'[];
};

export const chunkGroups: Group[] = [
  { name: 'echarts', test: (id) => ECHARTS.test(id) || CHARTS.test(id), priority: 60 },
  { name: 'element-plus', test: EP, tags: ['$initial'], priority: 50 },
  { name: 'element-plus-rare', test: EP_RARE, priority: 47 },
  { name: 'element-plus-pages', test: EP, priority: 45 },
  { name: 'vendor', test: (id) => HELPERS.test(id) || /[\\/]node_modules[\\/]|[\\/]libs[\\/](shared|sdk)[\\/]/.test(id), tags: ['$initial'], priority: 40 },
  { name: (id) => (LOCALE.exec(id) ? `locale-${LOCALE.exec(id)![1]}` : null), test: LOCALE, priority: 35 },
  { name: 'app', test: SRC, tags: ['$initial'], priority: 30 },
  {
    name: (id) => {
      const feature = FEATURE.exec(id)?.[1];
      return feature ? `feature-${feature}` : null;
    },
    test: FEATURE,
    priority: 20,
  },
  { name: 'shared', test: (id) => SRC.test(id) || HELPERS.test(id), priority: 10 },
];

/**
 * Writes `dist/.vite/chunks.json`: each JS chunk's file, its modules (paths relative to the repo) and
 * the chunks it imports statically. `scripts/bundle-size.mjs` finds a page's chunk by a module in it.
 */
export function chunkMap() {
  return {
    name: 'keyuan-chunk-map',
    generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string }): void }, _: unknown, bundle: Record<string, unknown>) {
      const chunks: Record<string, { modules: string[]; imports: string[]; css: string[] }> = {};
      for (const item of Object.values(bundle) as { type: string; fileName: string; moduleIds?: string[]; imports?: string[]; viteMetadata?: { importedCss: Set<string> } }[]) {
        if (item.type !== 'chunk') continue;
        chunks[item.fileName] = {
          modules: (item.moduleIds ?? []).map((id) => id.replace(/^.*?[\\/](apps|libs|node_modules)[\\/]/, '$1/').replace(/\?.*$/, '')),
          imports: item.imports ?? [],
          css: [...(item.viteMetadata?.importedCss ?? [])],
        };
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 1) });
    },
  };
}

/** Chunks every page loads but the entry reaches only through a lazy page: fetched from index.html at once. */
const EARLY = ['element-plus-pages'];

/**
 * Adds `<link rel="modulepreload">` for the `EARLY` chunks to index.html. Without it the browser learns of
 * `element-plus-pages` (~150 KB brotli, the largest file a page needs) only after the entry, the router and
 * the page's own chunk ran, and queues it behind them on the six connections HTTP/1.1 allows: on a cold list
 * page it arrived ~450 ms after the page's chunk.
 */
export function preloadEarly() {
  return {
    name: 'keyuan-preload-early',
    apply: 'build' as const,
    transformIndexHtml: {
      order: 'post' as const,
      handler(html: string, ctx: { bundle?: Record<string, { type: string; name?: string; fileName: string }> }) {
        const files = Object.values(ctx.bundle ?? {})
          .filter((item) => item.type === 'chunk' && item.name && EARLY.includes(item.name))
          .map((item) => item.fileName);
        return files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}
