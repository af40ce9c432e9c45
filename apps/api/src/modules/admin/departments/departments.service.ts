import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import { departmentInScope } from '@core/access/data-scope';
import { AuthUser, scopeOf } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError, notFound } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { Department } from './department.entity';
import {
  CreateDepartmentDto,
  DepartmentResponse,
  DepartmentTreeNode,
  QueryDepartmentsDto,
  UpdateDepartmentDto,
} from './dto/department.dto';
import { DepartmentErrorCode } from './departments.errors';

export const toDepartmentResponse = (d: Department): DepartmentResponse => ({
  id: d.id,
  name: d.name,
  parentId: d.parentId,
  managerId: d.managerId,
  version: d.version,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

const LIST_SPEC: ListSpec = {
  idColumn: 'd.id',
  defaultSort: 'name',
  sortable: {
    name: { column: 'd.name', value: (d: Department) => d.name },
    createdAt: { column: 'd.created_at', value: (d: Department) => d.createdAt },
  },
  search: ['d.name'],
  filters: { parentId: 'd.parent_id' },
};

/**
 * The department tree. Paths are materialized so data scopes resolve "this department and below" by prefix.
 * Changing the tree (create, rename, move, delete, restore) needs the department and its new parent inside
 * the actor's `departments` scope: `all` anywhere; otherwise (departments have no owner, so `own` reads as
 * `department`) the actor's department and below. A department outside it is 404, a parent outside it 403.
 */
@Injectable()
export class DepartmentsService {
  private readonly store: RecordStore<Department>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
  ) {
    this.store = new RecordStore(ds, audit, Department, { entityType: 'department', module: 'departments', alias: 'd' });
    audit.registerNames('department', (_reader, ids, m) => this.namesByIds(ids, m));
  }

  async list(actor: AuthUser, query: QueryDepartmentsDto): Promise<Page<DepartmentResponse>> {
    const page = await this.store.list(actor, query, LIST_SPEC);
    return { ...page, data: page.data.map(toDepartmentResponse) };
  }

  /** Every live department with its full path as its name (`销售部 / 华东区`), in tree order: what pickers of other modules list. */
  async pathNames(): Promise<{ id: string; name: string }[]> {
    const flat: { id: string; name: string }[] = [];
    const walk = (nodes: DepartmentTreeNode[], prefix: string) => {
      for (const n of nodes) {
        flat.push({ id: n.id, name: prefix + n.name });
        walk(n.children, `${prefix}${n.name} / `);
      }
    };
    walk(await this.tree(), '');
    return flat;
  }

  async tree(): Promise<DepartmentTreeNode[]> {
    const rows: { id: string; name: string; parent_id: string | null; manager_id: string | null; user_count: number }[] = await this.ds.query(
      `SELECT d.id, d.name, d.parent_id, d.manager_id,
              (SELECT count(*)::int FROM users u WHERE u.department_id = d.id AND u.deleted_at IS NULL) AS user_count
         FROM departments d WHERE d.deleted_at IS NULL ORDER BY d.name, d.id`,
    );
    const nodes = new Map<string, DepartmentTreeNode>();
    for (const r of rows) nodes.set(r.id, { id: r.id, name: r.name, parentId: r.parent_id, managerId: r.manager_id, userCount: r.user_count, children: [] });
    const roots: DepartmentTreeNode[] = [];
    for (const n of nodes.values()) {
      const parent = n.parentId ? nodes.get(n.parentId) : undefined;
      if (parent) parent.children.push(n);
      else roots.push(n);
    }
    return roots;
  }

  /** Names of live departments by id (the department tree is open to every user, so no scope). */
  async namesByIds(ids: (string | null | undefined)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows = await this.store.query(null, m).select('d.id', 'id').addSelect('d.name', 'name').andWhere('d.id IN (:...ids)', { ids: unique }).getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async get(actor: AuthUser, id: string): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.store.get(actor, id));
  }

  async create(actor: AuthUser, dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    return this.ds.transaction(async (m) => {
      const id = randomUUID();
      const parentPath = await this.parentPathInScope(m, actor, dto.parentId ?? null);
      await this.assertNameFree(m, dto.name, dto.parentId ?? null);
      if (dto.managerId) await this.assertActiveUser(m, dto.managerId);
      const saved = await this.store.create(
        actor,
        { id, name: dto.name, parentId: dto.parentId ?? null, path: `${parentPath}${id}/`, managerId: dto.managerId ?? null },
        m,
      );
      return toDepartmentResponse(saved);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateDepartmentDto, ifMatch?: number): Promise<DepartmentResponse> {
    const { version, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      await this.assertInScope(m, actor, id);
      const saved = await this.store.update(actor, id, ifMatch ?? version, async (d) => {
        const parentId = fields.parentId === undefined ? d.parentId : fields.parentId;
        const name = fields.name ?? d.name;
        if (name !== d.name || parentId !== d.parentId) await this.assertNameFree(m, name, parentId, d.id);
        if (parentId !== d.parentId) {
          const parentPath = await this.parentPathInScope(m, actor, parentId);
          if (parentPath.startsWith(d.path)) {
            throw conflict(DepartmentErrorCode.DEPARTMENT_CYCLE, 'A department cannot move under itself or its own sub-department', [
              { field: 'parentId', message: 'would create a cycle' },
            ]);
          }
          const newPath = `${parentPath}${d.id}/`;
          await m.query(
            `UPDATE departments SET path = $1 || substr(path, length($2) + 1) WHERE path LIKE $2 || '%' AND id <> $3`,
            [newPath, d.path, d.id],
          );
          d.path = newPath;
          d.parentId = parentId;
        }
        d.name = name;
        if (fields.managerId !== undefined && fields.managerId !== d.managerId) {
          if (fields.managerId) await this.assertActiveUser(m, fields.managerId);
          d.managerId = fields.managerId;
        }
      }, m);
      return toDepartmentResponse(saved);
    });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.assertInScope(this.ds.manager, actor, id);
    await this.store.softDelete(actor, id, ifMatch, async (d, m) => {
      const [{ children, users }] = await m.query(
        `SELECT (SELECT count(*)::int FROM departments WHERE parent_id = $1 AND deleted_at IS NULL) AS children,
                (SELECT count(*)::int FROM users WHERE department_id = $1 AND deleted_at IS NULL) AS users`,
        [d.id],
      );
      if (children > 0 || users > 0) {
        throw conflict(
          DepartmentErrorCode.DEPARTMENT_NOT_EMPTY,
          `The department still has ${children} sub-departments and ${users} users; move them first`,
        );
      }
    });
  }

  async restore(actor: AuthUser, id: string): Promise<DepartmentResponse> {
    await this.assertInScope(this.ds.manager, actor, id, true);
    return toDepartmentResponse(await this.store.restore(actor, id));
  }

  /**
   * Who approves for `userId` as "the department manager": the manager of the user's department, else of
   * the nearest department above that has one; never the user themself (a manager's own requests go up).
   */
  async managerOf(userId: string, m: EntityManager = this.ds.manager): Promise<string | null> {
    const rows: { manager_id: string }[] = await m.query(
      `SELECT d.manager_id
         FROM users u
         JOIN departments ud ON ud.id = u.department_id
         JOIN departments d ON ud.path LIKE d.path || '%' AND d.deleted_at IS NULL
         JOIN users mu ON mu.id = d.manager_id AND mu.active AND mu.deleted_at IS NULL
        WHERE u.id = $1 AND d.manager_id <> $1
        ORDER BY length(d.path) DESC LIMIT 1`,
      [userId],
    );
    return rows[0]?.manager_id ?? null;
  }

  private async assertActiveUser(m: EntityManager, userId: string): Promise<void> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND active AND deleted_at IS NULL`, [userId]);
    if (!rows.length) throw badRequest('UNKNOWN_USER', 'managerId', 'managerId is not an active user');
  }

  /** 404 unless the department exists and lies inside the actor's department scope. */
  private async assertInScope(m: EntityManager, actor: AuthUser, id: string, withDeleted = false): Promise<void> {
    const rows: { path: string }[] = await m.query(
      `SELECT path FROM departments WHERE id = $1 AND ($2 OR deleted_at IS NULL)`,
      [id, withDeleted],
    );
    if (!rows.length || !departmentInScope(actor, scopeOf(actor, 'departments'), rows[0].path)) throw notFound('department');
  }

  /** The path of a new parent (`/` for the root), which must lie inside the actor's department scope (403). */
  private async parentPathInScope(m: EntityManager, actor: AuthUser, parentId: string | null): Promise<string> {
    const path = parentId ? await this.pathOf(m, parentId) : null;
    if (!departmentInScope(actor, scopeOf(actor, 'departments'), path)) {
      throw new DomainError(DepartmentErrorCode.DEPARTMENT_OUT_OF_SCOPE, HttpStatus.FORBIDDEN, 'The new parent department is outside your scope', [
        { field: 'parentId', message: 'outside your scope' },
      ]);
    }
    return path ?? '/';
  }

  private async pathOf(m: EntityManager, id: string): Promise<string> {
    const rows: { path: string }[] = await m.query(`SELECT path FROM departments WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!rows.length) throw badRequest(DepartmentErrorCode.DEPARTMENT_UNKNOWN_PARENT, 'parentId', 'parentId does not exist');
    return rows[0].path;
  }

  private async assertNameFree(m: EntityManager, name: string, parentId: string | null, exceptId?: string): Promise<void> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM departments WHERE lower(name) = lower($1) AND parent_id IS NOT DISTINCT FROM $2
          AND deleted_at IS NULL AND ($3::uuid IS NULL OR id <> $3)`,
      [name, parentId, exceptId ?? null],
    );
    if (rows.length) {
      throw conflict(DepartmentErrorCode.DEPARTMENT_NAME_TAKEN, 'A department with this name already exists here', [
        { field: 'name', message: 'already exists' },
      ]);
    }
  }
}
