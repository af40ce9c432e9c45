import { matchesGroup, type RecordValues } from '@keyuan/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { ApprovalFlow } from './approval-flow.entity';
import { ApprovalKinds } from './approval-kinds';
import { ApprovalErrorCode } from './approvals.errors';
import { cleanSteps, validateFlow } from './flow-rules';
import { ApprovalFlowResponse, ApprovalKindResponse, CreateApprovalFlowDto, QueryApprovalFlowsDto, UpdateApprovalFlowDto } from './dto/approval-flow.dto';

const LIST_SPEC: ListSpec = {
  idColumn: 'f.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'f.created_at', value: (f: ApprovalFlow) => f.createdAt } },
  search: ['f.name'],
  filters: { kind: 'f.kind' },
};

const toFlowResponse = (f: ApprovalFlow): ApprovalFlowResponse => ({
  id: f.id,
  name: f.name,
  kind: f.kind,
  trigger: f.trigger,
  condition: f.condition,
  steps: f.steps,
  enabled: f.enabled,
  priority: f.priority,
  version: f.version,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});

/** Admin CRUD of approval flows (settings permission), validated against the registered kinds. */
@Injectable()
export class ApprovalFlowsService {
  private readonly store: RecordStore<ApprovalFlow>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly kinds: ApprovalKinds,
    private readonly users: UsersService,
  ) {
    this.store = new RecordStore(ds, audit, ApprovalFlow, { entityType: 'approval_flow', module: 'settings', alias: 'f' });
  }

  listKinds(): ApprovalKindResponse[] {
    return this.kinds.all().map((k) => ({ kind: k.kind, triggers: k.triggers, fields: k.fields }));
  }

  async list(actor: AuthUser, query: QueryApprovalFlowsDto): Promise<Page<ApprovalFlowResponse>> {
    const page = await this.store.list(actor, query, LIST_SPEC);
    return { ...page, data: page.data.map(toFlowResponse) };
  }

  async get(actor: AuthUser, id: string): Promise<ApprovalFlowResponse> {
    return toFlowResponse(await this.store.get(actor, id));
  }

  async create(actor: AuthUser, dto: CreateApprovalFlowDto): Promise<ApprovalFlowResponse> {
    validateFlow(this.kinds.get(dto.kind), dto.kind, dto);
    await this.assertUsers(dto.steps);
    const saved = await this.store.create(actor, {
      name: dto.name,
      kind: dto.kind,
      trigger: dto.trigger,
      condition: dto.condition?.conditions.length ? dto.condition : null,
      steps: cleanSteps(dto.steps),
      enabled: dto.enabled ?? true,
      priority: dto.priority ?? 100,
    } as never);
    return toFlowResponse(saved);
  }

  async update(actor: AuthUser, id: string, dto: UpdateApprovalFlowDto, ifMatch?: number): Promise<ApprovalFlowResponse> {
    const { version, ...fields } = dto;
    for (const k of ['name', 'kind', 'trigger', 'steps', 'enabled', 'priority'] as const) {
      if (fields[k] === null) throw badRequest('VALUE_REQUIRED', k, `${k} cannot be null`);
    }
    const saved = await this.store.update(actor, id, ifMatch ?? version, async (f) => {
      const next = { ...f, ...fields, condition: fields.condition === undefined ? f.condition : fields.condition };
      validateFlow(this.kinds.get(next.kind), next.kind, next);
      if (fields.steps) await this.assertUsers(fields.steps);
      Object.assign(f, { ...fields, condition: next.condition?.conditions.length ? next.condition : null, steps: cleanSteps(next.steps) });
    });
    return toFlowResponse(saved);
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.store.softDelete(actor, id, ifMatch);
  }

  /** The first enabled flow of the kind and trigger (by priority) whose condition the record matches. */
  async match(m: EntityManager, kind: string, trigger: string, record: RecordValues): Promise<ApprovalFlow | null> {
    const flows = await this.store
      .query(null, m)
      .andWhere('f.kind = :kind AND f.trigger = :trigger AND f.enabled', { kind, trigger })
      .orderBy('f.priority', 'ASC')
      .addOrderBy('f.created_at', 'ASC')
      .getMany();
    return flows.find((f) => matchesGroup(f.condition, record)) ?? null;
  }

  private async assertUsers(steps: CreateApprovalFlowDto['steps']): Promise<void> {
    for (const [i, s] of steps.entries()) {
      for (const [j, a] of s.approvers.entries()) {
        if (a.type !== 'users' || !a.userIds?.length) continue;
        const active = new Set(await this.users.activeIds(a.userIds));
        if (a.userIds.some((u) => !active.has(u))) {
          throw badRequest(ApprovalErrorCode.APPROVAL_INVALID_APPROVER, `steps.${i}.approvers.${j}.userIds`, 'every approver must be an active user');
        }
      }
    }
  }
}
