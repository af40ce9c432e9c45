import { computed, shallowRef } from 'vue';
import { useAuthStore } from '@/stores/auth';
import { type DepartmentNode, departmentsApi, type Role, rolesApi } from '../api';

const tree = shallowRef<DepartmentNode[]>([]);
const roles = shallowRef<Role[]>([]);
let pending: Promise<void> | null = null;

export function flattenTree(nodes: readonly DepartmentNode[], out = new Map<string, DepartmentNode>()) {
  for (const node of nodes) {
    out.set(node.id, node);
    flattenTree((node.children ?? []) as DepartmentNode[], out);
  }
  return out;
}

/** Departments and roles for pickers and name lookups, loaded once and shared by the admin pages. */
export function useLookups() {
  const auth = useAuthStore();

  async function refresh(): Promise<void> {
    const [t, r] = await Promise.all([
      auth.can('departments', 'read') ? departmentsApi.tree() : Promise.resolve([]),
      auth.can('roles', 'read') ? rolesApi.all() : Promise.resolve([]),
    ]);
    tree.value = t;
    roles.value = r;
  }

  function ensure(): Promise<void> {
    pending ??= refresh().catch((err) => {
      pending = null;
      throw err;
    });
    return pending;
  }

  const departmentsById = computed(() => flattenTree(tree.value));
  const rolesById = computed(() => new Map(roles.value.map((r) => [r.id, r])));
  const departmentName = (id: string | null | undefined) => (id ? (departmentsById.value.get(id)?.name ?? '') : '');
  const roleName = (id: string) => rolesById.value.get(id)?.name ?? '';

  return {
    tree,
    roles,
    ensure,
    refresh: () => {
      pending = refresh();
      return pending;
    },
    departmentName,
    roleName,
  };
}
