import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type User = Ok<'/api/v1/users/{id}', 'get'>;
export type CreateUserBody = Body<'/api/v1/users', 'post'>;
export type UpdateUserBody = Body<'/api/v1/users/{id}', 'patch'>;
export type Department = Ok<'/api/v1/departments/{id}', 'get'>;
export type DepartmentNode = Ok<'/api/v1/departments/tree', 'get'>[number];
export type Role = Ok<'/api/v1/roles/{id}', 'get'>;
export type CreateRoleBody = Body<'/api/v1/roles', 'post'>;
export type UpdateRoleBody = Body<'/api/v1/roles/{id}', 'patch'>;
export type PermissionMeta = Ok<'/api/v1/meta/permissions', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const usersApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/users', { params: { query: query as never } })) as Promise<ListPage<User>>,
  get: (id: string) => unwrap(api.GET('/api/v1/users/{id}', byId(id))),
  create: (body: CreateUserBody) => unwrap(api.POST('/api/v1/users', { body })),
  update: (id: string, body: UpdateUserBody) => unwrap(api.PATCH('/api/v1/users/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/users/{id}', byId(id))),
  restore: (id: string) => unwrap(api.POST('/api/v1/users/{id}/restore', byId(id))),
  /** Active users per department (with its name) in the reader's scope. */
  byDepartment: () => unwrap(api.GET('/api/v1/home/users-by-department')),
  resetPassword: (id: string, password: string, mustChangePassword = true) =>
    unwrap(api.POST('/api/v1/users/{id}/reset-password', { ...byId(id), body: { password, mustChangePassword } })),
};

export const departmentsApi = {
  /** Every department (an organisation has far fewer than the 200 a page holds; pages are followed anyway). */
  async all(): Promise<Department[]> {
    const out: Department[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(api.GET('/api/v1/departments', { params: { query: { limit: 200, cursor } } }));
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  },
  tree: () => unwrap(api.GET('/api/v1/departments/tree')),
  create: (name: string, parentId: string | null) =>
    unwrap(api.POST('/api/v1/departments', { body: { name, parentId } })),
  update: (id: string, body: Body<'/api/v1/departments/{id}', 'patch'>) =>
    unwrap(api.PATCH('/api/v1/departments/{id}', { ...byId(id), body })),
  get: (id: string) => unwrap(api.GET('/api/v1/departments/{id}', byId(id))),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/departments/{id}', byId(id))),
};

export const rolesApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/roles', { params: { query: query as never } })) as Promise<ListPage<Role>>,
  async all(): Promise<Role[]> {
    const page = await unwrap(api.GET('/api/v1/roles', { params: { query: { limit: 200 } } }));
    return page.data;
  },
  get: (id: string) => unwrap(api.GET('/api/v1/roles/{id}', byId(id))),
  create: (body: CreateRoleBody) => unwrap(api.POST('/api/v1/roles', { body })),
  update: (id: string, body: UpdateRoleBody) => unwrap(api.PATCH('/api/v1/roles/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/roles/{id}', byId(id))),
  meta: () => unwrap(api.GET('/api/v1/meta/permissions')),
};
