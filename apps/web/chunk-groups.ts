/**
 * How the production build groups modules into files (rolldown `output.codeSplitting.groups`). A higher
 * priority claims a module first; `$initial` limits a group to what the first screen loads statically.
 *
 * - `echarts`: ECharts, zrender and vue-echarts, only behind the lazy chart components.
 * - `element-plus`: the Element Plus parts (JS and CSS) the app shell needs; `element-plus-pages`: the
 *   parts only pages use, one file for every page instead of one per component.
 * - `vendor`: Vue, the router, Pinia, vue-i18n, the API client.
 * - `app`: the shell: layout, router, stores, locales, each feature's routes/register files.
 * - `shared`: our components and composables used by the lazy pages (the record table, forms…).
 * - `feature-<name>`: the pages and components of one feature, loaded when one of its pages opens.
 */
const nm = (pattern: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${pattern})[\\\\/]`);

const EP = nm('element-plus|@element-plus|dayjs|lodash-es|lodash|lodash-unified|@floating-ui|@ctrl|async-validator|@popperjs|memoize-one|normalize-wheel-es|@sxzz|escape-html|@vueuse');
const ECHARTS = nm('echarts|zrender|vue-echarts|tslib');
const SRC = /[\\/]apps[\\/]web[\\/]src[\\/]/;
const FEATURE = /[\\/]apps[\\/]web[\\/]src[\\/]features[\\/]([^\\/]+)[\\/]/;

type Group = {
  name: string | ((id: string) => string | null);
  test?: RegExp | ((id: string) => boolean);
  priority: number;
  tags?: '$initial'[];
};

export const chunkGroups: Group[] = [
  { name: 'echarts', test: ECHARTS, priority: 60 },
  { name: 'element-plus', test: EP, tags: ['$initial'], priority: 50 },
  { name: 'element-plus-pages', test: EP, priority: 45 },
  { name: 'vendor', test: /[\\/]node_modules[\\/]|[\\/]libs[\\/](shared|sdk)[\\/]/, tags: ['$initial'], priority: 40 },
  { name: 'app', test: SRC, tags: ['$initial'], priority: 30 },
  {
    name: (id) => {
      const feature = FEATURE.exec(id)?.[1];
      return feature ? `feature-${feature}` : null;
    },
    test: FEATURE,
    priority: 20,
  },
  { name: 'shared', test: SRC, priority: 10 },
];
