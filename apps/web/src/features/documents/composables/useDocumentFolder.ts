import { computed, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { type DocumentItem, documentsApi } from '../api';

/**
 * The folder the Documents page shows (`?folder=<id>` in the URL, so back and forward walk the tree), its
 * breadcrumb and content, or a search over everything the user may see (`?q=`).
 */
export function useDocumentFolder() {
  const route = useRoute();
  const router = useRouter();
  const folderId = computed(() => (typeof route.query.folder === 'string' ? route.query.folder : null));
  const q = ref(typeof route.query.q === 'string' ? route.query.q : '');
  const items = shallowRef<DocumentItem[]>([]);
  const path = shallowRef<{ id: string; name: string }[]>([]);
  const folder = shallowRef<DocumentItem | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const term = q.value.trim();
      const [page, detail] = await Promise.all([
        documentsApi.list({ limit: 200, ...(term ? { q: term } : folderId.value ? { parentId: folderId.value } : {}) }),
        folderId.value && !term ? documentsApi.get(folderId.value) : Promise.resolve(null),
      ]);
      if (mine !== seq) return;
      items.value = page.data;
      folder.value = detail;
      path.value = detail ? [...detail.path, { id: detail.id, name: detail.name }] : [];
    } catch (e) {
      if (mine === seq) error.value = e;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  watch(folderId, () => {
    q.value = '';
    void load();
  });
  void load();

  return {
    folderId,
    folder,
    q,
    items,
    path,
    loading,
    error,
    load,
    open: (id: string | null) => router.push({ query: id ? { folder: id } : {} }),
    search: () => void load(),
  };
}
