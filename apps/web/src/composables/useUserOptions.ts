import { computed, shallowRef } from 'vue';
import { api, unwrap } from '@/api/client';
import type { FilterOption } from '@/components/filter-bar';

interface UserLite {
  id: string;
  name: string;
}

const users = shallowRef<UserLite[]>([]);
let pending: Promise<void> | null = null;

/** Active users (first 200) for owner filters; a rep's own scope lists just them. Loaded once. */
export function useUserOptions() {
  pending ??= unwrap(api.GET('/api/v1/users', { params: { query: { limit: 200, active: true } } }))
    .then((page) => {
      users.value = page.data.map((u) => ({ id: u.id, name: u.name }));
    })
    .catch(() => {
      pending = null;
    });
  const options = computed<FilterOption[]>(() => users.value.map((u) => ({ value: u.id, label: u.name })));
  const nameOf = (id: string | null | undefined) => (id ? (users.value.find((u) => u.id === id)?.name ?? '') : '');
  return { users, options, nameOf, ready: pending };
}
