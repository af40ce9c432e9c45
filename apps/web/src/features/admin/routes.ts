import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('./pages/UsersPage.vue'),
    meta: {
      titleKey: 'admin.users.title',
      permission: { module: 'users', action: 'read' },
      menu: { group: 'admin', icon: 'User', order: 10, beyondOwn: true },
    },
  },
  {
    path: 'admin/users/:id',
    name: 'admin-user-detail',
    component: () => import('./pages/UserDetailPage.vue'),
    meta: { titleKey: 'admin.users.detail', permission: { module: 'users', action: 'read' }, parent: 'admin-users' },
  },
  {
    path: 'admin/departments',
    name: 'admin-departments',
    component: () => import('./pages/DepartmentsPage.vue'),
    meta: {
      titleKey: 'admin.departments.title',
      permission: { module: 'departments', action: 'read' },
      menu: { group: 'admin', icon: 'OfficeBuilding', order: 20 },
    },
  },
  {
    path: 'admin/roles',
    name: 'admin-roles',
    component: () => import('./pages/RolesPage.vue'),
    meta: {
      titleKey: 'admin.roles.title',
      permission: { module: 'roles', action: 'read' },
      menu: { group: 'admin', icon: 'Lock', order: 30 },
    },
  },
  {
    path: 'admin/roles/new',
    name: 'admin-role-new',
    component: () => import('./pages/RoleEditPage.vue'),
    meta: { titleKey: 'admin.roles.new', permission: { module: 'roles', action: 'create' }, parent: 'admin-roles' },
  },
  {
    path: 'admin/roles/:id',
    name: 'admin-role-edit',
    component: () => import('./pages/RoleEditPage.vue'),
    meta: { titleKey: 'admin.roles.edit', permission: { module: 'roles', action: 'read' }, parent: 'admin-roles' },
  },
];
