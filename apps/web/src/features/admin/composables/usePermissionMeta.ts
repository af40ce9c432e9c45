import { DATA_SCOPES, MODULE_GROUPS, PERMISSION_ACTIONS, PERMISSION_MODULES, SPECIAL_PERMISSIONS } from '@keyuan/shared';
import { shallowRef } from 'vue';
import { type PermissionMeta, rolesApi } from '../api';

/** What the shared package knows; the server's /meta/permissions wins when it answers. */
export const localPermissionMeta: PermissionMeta = {
  modules: [...PERMISSION_MODULES],
  actions: [...PERMISSION_ACTIONS],
  scopes: [...DATA_SCOPES],
  specialPermissions: [...SPECIAL_PERMISSIONS],
  groups: Object.fromEntries(Object.entries(MODULE_GROUPS).map(([g, m]) => [g, [...m]])),
  objects: [],
} as PermissionMeta;

const meta = shallowRef<PermissionMeta>(localPermissionMeta);
let loaded: Promise<void> | null = null;

export function usePermissionMeta() {
  loaded ??= rolesApi
    .meta()
    .then((m) => {
      meta.value = m;
    })
    .catch(() => {
      loaded = null;
    });
  return { meta, ready: loaded };
}
