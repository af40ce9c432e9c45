import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, type FieldChange } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { rejectNulls } from '@core/crud/record-rules';
import { DomainEvents } from '@core/events/domain-events';
import { CsvLocale } from '@core/http/csv-export';
import { badRequest, DomainError, notFound } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { SequencesService } from '@core/sequences/sequences.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { TasksService } from '@modules/tasks/tasks.service';
import {
  CreateMilestoneDto,
  CreateProjectDto,
  ExportProjectsDto,
  ProjectResponse,
  ProjectSummaryResponse,
  QueryProjectsDto,
  UpdateMilestoneDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { ProjectMilestone } from './project-milestone.entity';
import { ProjectRecords, toMilestoneResponse } from './project-records';
import { Project } from './project.entity';
import { ProjectErrorCode } from './projects.errors';

/** The sequence project numbers come from (core/sequences), e.g. `PRJ202612-0001`. */
export const PROJECT_SEQUENCE = 'project';
const PROJECT_NUMBER_FORMAT = 'PRJ{yyyyMM}-{seq:4}';

const unprocessable = (code: ProjectErrorCode, field: string, message: string) =>
  new DomainError(code, HttpStatus.UNPROCESSABLE_ENTITY, message, [{ field, message }]);

/**
 * Projects (我的项目): a project of an account and/or a contract the creator can read, with members who see
 * it whatever their scope, ordered milestones (changed under the project's lock, so its version moves and
 * every change is on its history) and progress from its tasks, asked of TasksService.
 */
@Injectable()
export class ProjectsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: ProjectRecords,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contracts: ContractsService,
    private readonly tasks: TasksService,
    private readonly sequences: SequencesService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // tasks may be put in a project the actor can see (tasks does not know projects: no cycle)
    this.tasks.registerProjects(async (m, actor, projectId) => (await this.records.readable(actor, [projectId], m)).has(projectId));
    // a completed task is a line on its project's history
    this.events.on('task.completed', async (m, e) => {
      // the title, not the id: histories never show ids (the task itself is on the timeline too)
      await this.audit.record(m, e.by, 'task.complete', 'project', e.projectId, [{ field: 'taskTitle', old: null, new: e.title }]);
    });
  }

  list(actor: AuthUser, query: QueryProjectsDto): Promise<Page<ProjectSummaryResponse>> {
    return this.records.list(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined });
  }

  exportCsv(actor: AuthUser, query: ExportProjectsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined }, res, locale);
  }

  /** The project if the actor may see it (owner in scope, or a member); 404 otherwise. For other modules too (timelines). */
  getVisible(actor: AuthUser, id: string, m?: EntityManager): Promise<Project> {
    return this.records.find(actor, id, m);
  }

  async get(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<ProjectResponse> {
    return this.detail(actor, await this.records.find(actor, id, m), m);
  }

  async create(actor: AuthUser, dto: CreateProjectDto): Promise<ProjectResponse> {
    return this.ds.transaction(async (m) => {
      this.assertDates(dto.startDate ?? null, dto.endDate ?? null);
      const owner = await this.users.resolveOwner(m, actor, 'projects', dto.ownerId);
      const links = await this.resolveLinks(m, actor, dto.accountId ?? null, dto.contractId ?? null);
      const memberIds = await this.resolveMembers(m, dto.memberIds ?? []);
      const { number } = await this.sequences.next(m, PROJECT_SEQUENCE, PROJECT_NUMBER_FORMAT);
      const project = await this.records.store.create(
        actor,
        {
          number,
          name: dto.name,
          description: dto.description ?? null,
          status: dto.status ?? 'planning',
          ...links,
          startDate: dto.startDate ?? null,
          endDate: dto.endDate ?? null,
          memberIds,
          custom: dto.custom,
          ownerId: owner.ownerId,
          departmentId: owner.departmentId,
        },
        m,
      );
      return this.detail(actor, project, m);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateProjectDto, ifMatch?: number): Promise<ProjectResponse> {
    rejectNulls(dto, ['name', 'status', 'ownerId', 'memberIds']);
    const { version, ownerId, memberIds, accountId, contractId, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      const project = await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (p) => {
          const guarded = (ownerId && ownerId !== p.ownerId) || memberIds || accountId !== undefined || contractId !== undefined;
          if (guarded) await this.assertManages(actor, p.id, m);
          if (ownerId && ownerId !== p.ownerId) {
            const owner = await this.users.resolveOwner(m, actor, 'projects', ownerId);
            p.ownerId = owner.ownerId;
            p.departmentId = owner.departmentId;
          }
          if (accountId !== undefined || contractId !== undefined) {
            const nextContract = contractId !== undefined ? contractId : p.contractId;
            // a new account without a new contract keeps the contract only when it is of that account
            const links = await this.resolveLinks(m, actor, accountId !== undefined ? accountId : p.accountId, nextContract);
            Object.assign(p, links);
          }
          if (memberIds) p.memberIds = await this.resolveMembers(m, memberIds);
          Object.assign(p, fields);
          this.assertDates(p.startDate, p.endDate);
        },
        m,
      );
      return this.detail(actor, project, m);
    });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.records.find(actor, id); // 404 outside the scope, before the member check
    await this.assertManages(actor, id);
    await this.records.remove(actor, id, ifMatch);
  }

  async restore(actor: AuthUser, id: string): Promise<ProjectSummaryResponse> {
    // a deleted project is not the member's to bring back (404 when not managed: members never see the trash)
    if (!(await this.records.managed(actor, [id])).has(id)) throw notFound('project');
    return this.records.restore(actor, id);
  }

  /** 403 when the actor sees the project only as a member (not its owner inside their data scope). */
  private async assertManages(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<void> {
    if (!(await this.records.managed(actor, [id], m)).has(id)) {
      throw new DomainError(ProjectErrorCode.PROJECT_MEMBER_ONLY, HttpStatus.FORBIDDEN, 'Members may not change the owner, the members or the links, nor delete or restore the project');
    }
  }

  // ---- milestones: each change locks the project, checks its version, bumps it and is audited on it ----

  async addMilestone(actor: AuthUser, id: string, dto: CreateMilestoneDto, ifMatch?: number): Promise<ProjectResponse> {
    return this.changeMilestones(actor, id, ifMatch ?? dto.version, 'milestone.add', async (m, list) => {
      const repo = m.getRepository(ProjectMilestone);
      const ms = repo.create({ projectId: id, name: dto.name, dueDate: dto.dueDate ?? null, done: dto.done ?? false, doneAt: dto.done ? new Date() : null });
      const at = Math.min(Math.max((dto.position ?? list.length + 1) - 1, 0), list.length);
      list.splice(at, 0, ms);
      await this.renumber(m, list);
      return [{ field: 'milestone', old: null, new: ms.name }];
    });
  }

  async updateMilestone(actor: AuthUser, id: string, milestoneId: string, dto: UpdateMilestoneDto, ifMatch?: number): Promise<ProjectResponse> {
    rejectNulls(dto, ['name', 'done', 'position']);
    const reached = dto.done === true;
    return this.changeMilestones(actor, id, ifMatch ?? dto.version, reached ? 'milestone.done' : 'milestone.update', async (m, list) => {
      const ms = list.find((x) => x.id === milestoneId);
      if (!ms) throw notFound('milestone');
      const changes: FieldChange[] = [];
      if (dto.name !== undefined && dto.name !== ms.name) changes.push({ field: 'milestoneName', old: ms.name, new: dto.name });
      if (dto.dueDate !== undefined && dto.dueDate !== ms.dueDate) changes.push({ field: 'milestoneDueDate', old: ms.dueDate, new: dto.dueDate });
      if (dto.done !== undefined && dto.done !== ms.done) {
        changes.push({ field: 'milestoneDone', old: ms.done, new: dto.done });
        ms.doneAt = dto.done ? new Date() : null;
      }
      Object.assign(ms, { name: dto.name ?? ms.name, dueDate: dto.dueDate !== undefined ? dto.dueDate : ms.dueDate, done: dto.done ?? ms.done });
      if (dto.position !== undefined && dto.position !== ms.position) {
        changes.push({ field: 'milestonePosition', old: ms.position, new: dto.position });
        list.splice(list.indexOf(ms), 1);
        list.splice(Math.min(Math.max(dto.position - 1, 0), list.length), 0, ms);
      }
      await this.renumber(m, list);
      return changes.length ? [{ field: 'milestone', old: null, new: ms.name }, ...changes] : [];
    });
  }

  async removeMilestone(actor: AuthUser, id: string, milestoneId: string, ifMatch?: number): Promise<ProjectResponse> {
    return this.changeMilestones(actor, id, ifMatch, 'milestone.remove', async (m, list) => {
      const ms = list.find((x) => x.id === milestoneId);
      if (!ms) throw notFound('milestone');
      await m.getRepository(ProjectMilestone).delete(ms.id);
      list.splice(list.indexOf(ms), 1);
      await this.renumber(m, list);
      return [{ field: 'milestone', old: ms.name, new: null }];
    });
  }

  private async changeMilestones(
    actor: AuthUser,
    id: string,
    version: number | undefined,
    action: string,
    change: (m: EntityManager, list: ProjectMilestone[]) => Promise<FieldChange[]>,
  ): Promise<ProjectResponse> {
    return this.ds.transaction(async (m) => {
      const project = await this.records.store.update(
        actor,
        id,
        version,
        async (p) => change(m, (await this.records.milestonesOf([p.id], m)).get(p.id) ?? []),
        m,
        action,
      );
      return this.detail(actor, project, m);
    });
  }

  private async renumber(m: EntityManager, list: ProjectMilestone[]): Promise<void> {
    list.forEach((x, i) => (x.position = i + 1));
    await m.getRepository(ProjectMilestone).save(list);
  }

  private async detail(actor: AuthUser, p: Project, m: EntityManager = this.ds.manager): Promise<ProjectResponse> {
    const [summary] = await this.records.toResponses(actor, [p], m);
    const milestones = (await this.records.milestonesOf([p.id], m)).get(p.id) ?? [];
    return { ...summary, milestones: milestones.map(toMilestoneResponse) };
  }

  private assertDates(start: string | null, end: string | null): void {
    if (start && end && end < start) throw badRequest(ProjectErrorCode.PROJECT_DATES_ORDER, 'endDate', 'endDate is before startDate');
  }

  /** Members must be active users; duplicates are dropped, the order kept. */
  private async resolveMembers(m: EntityManager, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const active = new Set(await this.users.activeIds(unique, m));
    const unknown = unique.filter((u) => !active.has(u));
    if (unknown.length) {
      throw badRequest(ProjectErrorCode.PROJECT_UNKNOWN_MEMBER, 'memberIds', 'memberIds lists a user who is not an active user', { params: { ids: unknown } });
    }
    return unique;
  }

  /**
   * The account and contract must be ones the actor can read (asked of their modules; 422 otherwise); a
   * contract brings its account, and must agree with a given one.
   */
  private async resolveLinks(m: EntityManager, actor: AuthUser, accountId: string | null, contractId: string | null) {
    let account = accountId;
    if (contractId) {
      const contract = await this.contracts.readable(actor, contractId, m).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') throw unprocessable(ProjectErrorCode.PROJECT_UNKNOWN_CONTRACT, 'contractId', 'contractId is not a contract you can read');
        throw e;
      });
      if (account && account !== contract.accountId) {
        throw unprocessable(ProjectErrorCode.PROJECT_CONTRACT_ACCOUNT_MISMATCH, 'contractId', 'The contract belongs to another account');
      }
      account = contract.accountId;
    }
    if (account) {
      await this.accounts.getVisible(actor, account, m).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') throw unprocessable(ProjectErrorCode.PROJECT_UNKNOWN_ACCOUNT, 'accountId', 'accountId is not an account you can read');
        throw e;
      });
    }
    return { accountId: account, contractId };
  }
}
