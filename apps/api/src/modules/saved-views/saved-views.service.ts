import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { PermissionModule } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, DomainError, notFound, staleVersion } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { CreateSavedViewDto, SAVED_VIEW_LISTS, SavedViewList, SavedViewResponse, UpdateSavedViewDto } from './dto/saved-view.dto';
import { SavedView, SavedViewDefault, SavedViewSharing } from './saved-view.entity';
import { SavedViewErrorCode } from './saved-views.errors';

const isAdmin = (u: AuthUser) => u.roleKeys.includes('admin');

/**
 * Saved views: a user's named list states. Private ones are the owner's alone; shared ones are read-only
 * for the department (and its sub-departments) or everyone they are shared with; only the owner or an
 * admin changes them. Each user may pick one default view per list, theirs or a shared one.
 */
@Injectable()
export class SavedViewsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Views the user sees: their own, shared with everyone or with a department they belong to; an admin sees every shared one. */
  private visible(user: AuthUser, m: EntityManager = this.ds.manager): SelectQueryBuilder<SavedView> {
    // a department path lists every ancestor id (`/<root>/<child>/`): "in that department or below" is a substring test
    return m
      .getRepository(SavedView)
      .createQueryBuilder('v')
      .where(
        `(v.owner_id = :__me OR v.sharing = 'everyone' OR (v.sharing = 'department' AND (:__admin OR :__path LIKE '%/' || v.department_id::text || '/%')))`,
        { __me: user.id, __path: user.departmentPath ?? '', __admin: isAdmin(user) },
      );
  }

  private checkList(user: AuthUser, listKey: string): void {
    const module = SAVED_VIEW_LISTS[listKey as keyof typeof SAVED_VIEW_LISTS] as PermissionModule | undefined;
    if (!module || !user.grants.some((g) => g.module === module && g.actions.includes('read'))) {
      throw new DomainError(SavedViewErrorCode.SAVED_VIEW_LIST_FORBIDDEN, HttpStatus.FORBIDDEN, `You may not read the ${listKey} list`);
    }
  }

  async list(user: AuthUser, listKey: string): Promise<SavedViewList> {
    this.checkList(user, listKey);
    const views = await this.visible(user).andWhere('v.list_key = :listKey', { listKey }).orderBy('lower(v.name)').addOrderBy('v.id').limit(500).getMany();
    const def = await this.ds.getRepository(SavedViewDefault).findOne({ where: { userId: user.id, listKey } });
    const defaultViewId = def && views.some((v) => v.id === def.viewId) ? def.viewId : null;
    return { data: await this.toResponses(user, views, defaultViewId), defaultViewId };
  }

  async get(user: AuthUser, id: string): Promise<SavedViewResponse> {
    const v = await this.find(user, id);
    const def = await this.ds.getRepository(SavedViewDefault).findOne({ where: { userId: user.id, listKey: v.listKey } });
    return (await this.toResponses(user, [v], def?.viewId ?? null))[0];
  }

  async create(user: AuthUser, dto: CreateSavedViewDto): Promise<SavedViewResponse> {
    this.checkList(user, dto.listKey);
    const sharing = (dto.sharing ?? 'private') as SavedViewSharing;
    const repo = this.ds.getRepository(SavedView);
    const saved: SavedView = await repo.save(
      repo.create({
        ownerId: user.id,
        listKey: dto.listKey,
        name: dto.name,
        filters: dto.filters,
        sort: dto.sort ?? null,
        columns: dto.columns ?? [],
        sharing,
        departmentId: this.departmentFor(user, sharing, dto.departmentId),
      } as Partial<SavedView>),
    );
    return (await this.toResponses(user, [saved], null))[0];
  }

  async update(user: AuthUser, id: string, dto: UpdateSavedViewDto, ifMatch?: number): Promise<SavedViewResponse> {
    const saved = await this.ds.transaction(async (m) => {
      const v = await this.editable(user, id, m, ifMatch ?? dto.version);
      if (dto.listKey !== undefined && dto.listKey !== v.listKey) throw badRequest('SAVED_VIEW_LIST_FIXED', 'listKey', 'a view stays on its list');
      if (dto.name !== undefined) v.name = dto.name;
      if (dto.filters !== undefined) v.filters = dto.filters;
      if (dto.sort !== undefined) v.sort = dto.sort ?? null;
      if (dto.columns !== undefined) v.columns = dto.columns;
      if (dto.sharing !== undefined || dto.departmentId !== undefined) {
        v.sharing = (dto.sharing ?? v.sharing) as SavedViewSharing;
        v.departmentId = this.departmentFor(user, v.sharing, dto.departmentId === undefined ? v.departmentId : dto.departmentId);
      }
      return m.getRepository(SavedView).save(v);
    });
    return this.get(user, saved.id);
  }

  async remove(user: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const v = await this.editable(user, id, m, ifMatch);
      await m.getRepository(SavedViewDefault).delete({ viewId: v.id });
      await m.getRepository(SavedView).softDelete({ id: v.id });
    });
  }

  /** Makes a view the user sees their default for its list (replacing the previous one). */
  async setDefault(user: AuthUser, id: string): Promise<SavedViewResponse> {
    const v = await this.find(user, id);
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(SavedViewDefault)
      .values({ userId: user.id, listKey: v.listKey, viewId: v.id })
      .orUpdate(['view_id'], ['user_id', 'list_key'])
      .execute();
    return (await this.toResponses(user, [v], v.id))[0];
  }

  /** The list opens without a view again. */
  async clearDefault(user: AuthUser, id: string): Promise<void> {
    const v = await this.find(user, id);
    await this.ds.getRepository(SavedViewDefault).delete({ userId: user.id, listKey: v.listKey, viewId: v.id });
  }

  /** A view the user sees (404 otherwise, as any record out of scope), on a list they may read. */
  private async find(user: AuthUser, id: string, m?: EntityManager, lock = false): Promise<SavedView> {
    const qb = this.visible(user, m).andWhere('v.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const v = await qb.getOne();
    if (!v) throw notFound('saved view');
    this.checkList(user, v.listKey);
    return v;
  }

  /** The view, locked, if the user may change it: 404 unseen, 403 shared with them, 412 stale. */
  private async editable(user: AuthUser, id: string, m: EntityManager, version?: number): Promise<SavedView> {
    const v = await this.find(user, id, m, true);
    if (v.ownerId !== user.id && !isAdmin(user)) {
      throw new DomainError(SavedViewErrorCode.SAVED_VIEW_READ_ONLY, HttpStatus.FORBIDDEN, 'This view is shared with you; only its owner changes it. Save it as a new view instead.');
    }
    if (version !== undefined && version !== v.version) throw staleVersion(v.version);
    return v;
  }

  /** Where a department-shared view goes: the owner's department or one above it (admins: any). */
  private departmentFor(user: AuthUser, sharing: SavedViewSharing, departmentId: string | null | undefined): string | null {
    if (sharing !== 'department') return null;
    const dept = departmentId ?? user.departmentId;
    if (!dept) throw badRequest('SAVED_VIEW_DEPARTMENT_REQUIRED', 'departmentId', 'sharing with a department needs a department (you have none)');
    if (!isAdmin(user) && !(user.departmentPath ?? '').includes(`/${dept}/`)) {
      throw new DomainError(SavedViewErrorCode.SAVED_VIEW_DEPARTMENT_OUT_OF_SCOPE, HttpStatus.FORBIDDEN, 'You can share a view only with your own department or one above it');
    }
    return dept;
  }

  private async toResponses(user: AuthUser, views: SavedView[], defaultViewId: string | null): Promise<SavedViewResponse[]> {
    const names = await this.users.namesByIds(views.map((v) => v.ownerId));
    return views.map((v) => ({
      id: v.id,
      listKey: v.listKey,
      name: v.name,
      filters: v.filters,
      sort: v.sort,
      columns: v.columns,
      sharing: v.sharing,
      departmentId: v.departmentId,
      ownerId: v.ownerId,
      ownerName: names.get(v.ownerId) ?? null,
      isDefault: v.id === defaultViewId,
      editable: v.ownerId === user.id || isAdmin(user),
      version: v.version,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    }));
  }
}
