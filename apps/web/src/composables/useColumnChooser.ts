import { computed, ref, watch } from 'vue';
import { useAuthStore } from '@/stores/auth';

export interface ChoosableColumn {
  key: string;
  /** Hidden until the user picks it. */
  hidden?: boolean;
  /** Always shown, not offered in the chooser. */
  fixed?: boolean;
}

export function columnStorageKey(userId: string | null | undefined, resource: string): string {
  return `keyuan.columns.${userId ?? 'anonymous'}.${resource}`;
}

/** Which columns of a table are shown, remembered per user and resource in localStorage. */
export function useColumnChooser(resource: string, columns: () => readonly ChoosableColumn[]) {
  const auth = useAuthStore();
  const storageKey = computed(() => columnStorageKey(auth.user?.id, resource));
  const defaults = () => columns().filter((c) => !c.hidden).map((c) => c.key);

  function read(): string[] {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey.value) ?? 'null');
      if (Array.isArray(stored)) {
        const known = new Set(columns().map((c) => c.key));
        return stored.filter((k): k is string => typeof k === 'string' && known.has(k));
      }
    } catch {
      // unreadable: fall back to the defaults
    }
    return defaults();
  }

  const visible = ref<string[]>(read());
  // columns may arrive later (custom fields): a stored choice of them applies once they do
  watch([storageKey, () => columns().map((c) => c.key).join('\n')], () => {
    visible.value = read();
  });

  function setVisible(keys: string[]): void {
    visible.value = keys;
    localStorage.setItem(storageKey.value, JSON.stringify(keys));
  }

  function reset(): void {
    localStorage.removeItem(storageKey.value);
    visible.value = defaults();
  }

  const isVisible = (key: string) => columns().find((c) => c.key === key)?.fixed || visible.value.includes(key);

  return { visible, setVisible, reset, isVisible };
}
