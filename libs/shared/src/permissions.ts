/**
 * Permission codes shared by the API and the web client.
 * A role grants, per module, a set of actions and one data scope.
 */
export const PERMISSION_MODULES = [
  'users',
  'departments',
  'roles',
  'audit',
  'settings',
  'leads',
  'accounts',
  'contacts',
  'pools',
  'activities',
  'tasks',
  'imports',
  'opportunities',
  'products',
  'quotes',
  'contracts',
  'payments',
  'currencies',
  'tickets',
  'knowledge',
  'sms',
  'email',
  'campaigns',
  'analytics',
  'integrations',
  'projects',
  'documents',
  'notices',
] as const;
/**
 * Permission module of an admin-defined custom module (issue 18): `obj.<object key>`. These come and go
 * without a deploy; roles grant them like built-in modules (the role matrix lists them from the API).
 */
export type ObjectPermissionModule = `obj.${string}`;
export type PermissionModule = (typeof PERMISSION_MODULES)[number] | ObjectPermissionModule;

/** Key of a custom module (lower snake case, 2–26 characters): used in URLs, permission modules and event names. */
export const OBJECT_KEY = /^[a-z][a-z0-9_]{1,25}$/;
/** At most this many custom modules (deleted ones count until purged). */
export const OBJECT_LIMIT = 50;
export const objectModule = (key: string): ObjectPermissionModule => `obj.${key}`;
/** Whether a module code names a custom module (`obj.<key>` with a valid key). */
export function isObjectModule(m: unknown): m is ObjectPermissionModule {
  return typeof m === 'string' && m.startsWith('obj.') && OBJECT_KEY.test(m.slice(4));
}
/** A built-in module or a custom module's code. */
export function isPermissionModule(m: unknown): m is PermissionModule {
  return (PERMISSION_MODULES as readonly unknown[]).includes(m) || isObjectModule(m);
}

export const PERMISSION_ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** own = records the user owns; department = the user's department and its sub-departments; all = everything. */
export const DATA_SCOPES = ['own', 'department', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/**
 * Permissions that are not tied to a module's CRUD actions. `viewOwnSensitive`: owners see the phones and
 * emails of their own records unmasked (a per-role choice; on for the sales roles).
 */
export const SPECIAL_PERMISSIONS = ['viewSensitive', 'viewOwnSensitive', 'restore'] as const;
export type SpecialPermission = (typeof SPECIAL_PERMISSIONS)[number];

export interface PermissionGrant {
  module: PermissionModule;
  actions: PermissionAction[];
  scope: DataScope;
}

export const BUILT_IN_ROLE_KEYS = [
  'admin',
  'sales_manager',
  'sales_rep',
  'service_agent',
  'service_manager',
  'finance',
  'marketing',
] as const;
export type BuiltInRoleKey = (typeof BUILT_IN_ROLE_KEYS)[number];

const SCOPE_RANK: Record<DataScope, number> = { own: 0, department: 1, all: 2 };

/** The wider of two scopes (a user with several roles gets the widest scope any of them grants). */
export function widerScope(a: DataScope, b: DataScope): DataScope {
  return SCOPE_RANK[a] >= SCOPE_RANK[b] ? a : b;
}

/** Merge the grants of several roles into one grant per module. */
export function mergeGrants(grantLists: PermissionGrant[][]): PermissionGrant[] {
  const byModule = new Map<PermissionModule, PermissionGrant>();
  for (const grants of grantLists) {
    for (const g of grants) {
      if (g.actions.length === 0) continue;
      const prev = byModule.get(g.module);
      if (!prev) {
        byModule.set(g.module, { module: g.module, actions: [...g.actions], scope: g.scope });
      } else {
        prev.actions = PERMISSION_ACTIONS.filter((a) => prev.actions.includes(a) || g.actions.includes(a));
        prev.scope = widerScope(prev.scope, g.scope);
      }
    }
  }
  const objects = [...byModule.keys()].filter(isObjectModule).sort();
  return [...PERMISSION_MODULES, ...objects].filter((m) => byModule.has(m)).map((m) => byModule.get(m)!);
}

export function can(grants: PermissionGrant[], module: PermissionModule, action: PermissionAction): boolean {
  return grants.some((g) => g.module === module && g.actions.includes(action));
}

/** Product areas used to group menus and the role matrix. */
export const MODULE_GROUPS: Record<string, PermissionModule[]> = {
  customers: ['leads', 'accounts', 'contacts', 'pools', 'activities', 'tasks', 'imports'],
  sales: ['opportunities', 'products', 'quotes', 'contracts', 'projects'],
  finance: ['payments', 'currencies'],
  service: ['tickets', 'knowledge'],
  marketing: ['campaigns', 'sms', 'email'],
  analytics: ['analytics'],
  documents: ['documents', 'notices'],
  admin: ['users', 'departments', 'roles', 'audit', 'settings', 'integrations'],
};

/**
 * Whether a holder of `have` (and `haveSpecial`) may hand out `want` (and `wantSpecial`): every action
 * of every module with a scope no wider than their own, and only special permissions they hold. Keeps
 * anyone who manages users or roles from granting more than they have (e.g. making themselves admin).
 */
export function grantsCover(
  have: PermissionGrant[],
  haveSpecial: readonly string[],
  want: PermissionGrant[],
  wantSpecial: readonly string[],
): boolean {
  const rank: Record<DataScope, number> = { own: 0, department: 1, all: 2 };
  for (const w of want) {
    if (!w.actions.length) continue;
    const h = have.find((g) => g.module === w.module);
    if (!h || rank[h.scope] < rank[w.scope] || !w.actions.every((a) => h.actions.includes(a))) return false;
  }
  return wantSpecial.every((s) => haveSpecial.includes(s));
}
