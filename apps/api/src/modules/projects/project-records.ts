import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { PROJECT_STATUSES, projectProgress } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import { scopeCondition, scopeParams } from '@core/access/data-scope';
import { type AuthUser, scopeOf } from '@core/auth/auth-user';
import { ListSpec } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { TasksService } from '@modules/tasks/tasks.service';
import { PROJECT_FIELDS } from './dto/project-fields';
import { MilestoneResponse, ProjectSummaryResponse } from './dto/project.dto';
import { ProjectMilestone } from './project-milestone.entity';
import { Project } from './project.entity';

export const PROJECT_LIST_SPEC: ListSpec = {
  idColumn: 'p.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'p.created_at', value: (p: Project) => p.createdAt },
    updatedAt: { column: 'p.updated_at', value: (p: Project) => p.updatedAt },
    endDate: { column: 'p.end_date', value: (p: Project) => p.endDate },
    number: { column: 'p.number', value: (p: Project) => p.number },
  },
  search: ['p.search_text'],
  filters: {
    status: 'p.status',
    accountId: 'p.account_id',
    contractId: 'p.contract_id',
    ownerId: 'p.owner_id',
    departmentId: 'p.department_id',
  },
  ranges: { createdAt: 'p.created_at', endDate: 'p.end_date' },
  fields: {
    name: { type: 'text', column: 'p.name' },
    number: { type: 'text', column: 'p.number' },
    status: { type: 'enum', column: 'p.status', options: PROJECT_STATUSES },
    accountId: { type: 'uuid', column: 'p.account_id' },
    contractId: { type: 'uuid', column: 'p.contract_id' },
    ownerId: { type: 'uuid', column: 'p.owner_id' },
    startDate: { type: 'date', column: 'p.start_date' },
    endDate: { type: 'date', column: 'p.end_date' },
    createdAt: { type: 'date', column: 'p.created_at' },
  },
};

export const PROJECT_KIND: RecordKind<Project, ProjectSummaryResponse> = {
  type: 'project',
  entity: Project,
  module: 'projects',
  alias: 'p',
  // members see their projects whatever their scope: in lists, reads, exports, the audit log
  scope: { owner: 'p.owner_id', department: 'p.department_id', members: 'p.member_ids' },
  list: PROJECT_LIST_SPEC,
  visibleSearch: 'p.search_text',
  csv: { name: 'projects', fields: PROJECT_FIELDS },
  sensitive: [],
  displayName: (p) => `${p.number} ${p.name}`,
  mergeFill: [],
  pooled: false,
};

export const toMilestoneResponse = (ms: ProjectMilestone): MilestoneResponse => ({
  id: ms.id,
  name: ms.name,
  dueDate: ms.dueDate,
  done: ms.done,
  doneAt: ms.doneAt,
  position: ms.position,
});

/** The record kit for projects: the scope (owner in scope, or a member), lists with progress, export; no merge. */
@Injectable()
export class ProjectRecords extends RecordService<Project, ProjectSummaryResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contracts: ContractsService,
    private readonly tasks: TasksService,
  ) {
    super(ds, audit, PROJECT_KIND, NO_CONTACT_INDEX, custom);
  }

  protected listQuery(qb: SelectQueryBuilder<Project>, query: Record<string, unknown>): void {
    if (typeof query.memberId === 'string') qb.andWhere('p.member_ids @> ARRAY[:memberId]::uuid[]', { memberId: query.memberId });
  }

  protected kindActions(_actor: AuthUser, _p: Project, actions: RecordAction[]): RecordAction[] {
    return actions.filter((a) => a === 'edit' || a === 'delete' || a === 'assign');
  }

  /**
   * Which of `ids` (deleted ones too) the actor manages: the owner inside the data scope, without the
   * members clause. Members read (and tick milestones) but may not change the owner, the members or the
   * links, nor delete or restore.
   */
  async managed(actor: AuthUser, ids: string[], m: EntityManager = this.ds.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const { members: _members, ...cols } = PROJECT_KIND.scope!;
    const qb = m.getRepository(Project).createQueryBuilder('p').withDeleted().select('p.id', 'id').where('p.id IN (:...__ids)', { __ids: ids });
    const cond = scopeCondition(actor, scopeOf(actor, 'projects'), cols);
    if (cond) qb.andWhere(cond, scopeParams(actor));
    return new Set((await qb.getRawMany<{ id: string }>()).map((r) => r.id));
  }

  /**
   * The record kit's bulk removal (import reverts, any future caller) with the projects' rule: only the
   * projects the actor manages go; those they see only as a member stay.
   */
  async removeMany(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]> {
    return super.removeMany(m, actor, [...(await this.managed(actor, ids, m))]);
  }

  /** Members who are not managers get no delete / assign action (edit stays: fields and milestones). */
  async actionsOf(actor: AuthUser, rows: Project[], m: EntityManager = this.ds.manager, browsable?: string[]): Promise<RecordAction[][]> {
    const actions = await super.actionsOf(actor, rows, m, browsable);
    const mine = await this.managed(actor, rows.map((r) => r.id), m);
    return actions.map((a, i) => (mine.has(rows[i].id) ? a : a.filter((x) => x !== 'delete' && x !== 'assign' && x !== 'merge')));
  }

  /** Milestones per project, in their order. */
  async milestonesOf(ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, ProjectMilestone[]>> {
    const out = new Map<string, ProjectMilestone[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await m.getRepository(ProjectMilestone).find({ where: { projectId: In(ids) }, order: { position: 'ASC', createdAt: 'ASC' } });
    for (const r of rows) out.get(r.projectId)?.push(r);
    return out;
  }

  protected async mapResponses(_actor: AuthUser | null, rows: Project[], m: EntityManager = this.ds.manager): Promise<Omit<ProjectSummaryResponse, 'actions'>[]> {
    const users = await this.users.namesByIds(rows.flatMap((p) => [p.ownerId, ...p.memberIds]), m);
    const accounts = await this.accounts.namesByIds(rows.map((p) => p.accountId), m);
    const contracts = await this.contracts.titlesByIds(rows.map((p) => p.contractId), m);
    const ids = rows.map((p) => p.id);
    const counts = await this.tasks.countsByProject(ids, m);
    const milestones = await this.milestonesOf(ids, m);
    return rows.map((p) => {
      const ms = milestones.get(p.id) ?? [];
      const c = counts.get(p.id) ?? { done: 0, total: 0 };
      return {
        id: p.id,
        number: p.number,
        name: p.name,
        description: p.description,
        status: p.status,
        accountId: p.accountId,
        accountName: p.accountId ? (accounts.get(p.accountId) ?? null) : null,
        contractId: p.contractId,
        contractName: p.contractId ? (contracts.get(p.contractId) ?? null) : null,
        startDate: p.startDate,
        endDate: p.endDate,
        members: p.memberIds.map((id) => ({ id, name: users.get(id) ?? null })),
        ownerId: p.ownerId,
        ownerName: p.ownerId ? (users.get(p.ownerId) ?? null) : null,
        departmentId: p.departmentId,
        progress: projectProgress(c.done, c.total, ms.filter((x) => x.done).length, ms.length),
        version: p.version,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      };
    });
  }
}
