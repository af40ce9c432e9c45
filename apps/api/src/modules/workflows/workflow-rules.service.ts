import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isObjectModule, type FilterGroup, type WorkflowAction, type WorkflowTrigger } from '@keyuan/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page, paginate } from '@core/http/keyset';
import { AutomationKind, AutomationKinds } from '@core/records/automation-kinds';
import { PermissionCatalog } from '@core/access/permission-catalog';
import {
  AutomationKindDto,
  CreateWorkflowRuleDto,
  QueryWorkflowRulesDto,
  QueryWorkflowRunsDto,
  UpdateWorkflowRuleDto,
  WorkflowRulePage,
  WorkflowRuleResponse,
  WorkflowRunResponse,
} from './dto/workflow-rule.dto';
import { WorkflowActions } from './workflow-actions';
import { WorkflowRule } from './workflow-rule.entity';
import { WorkflowRun } from './workflow-run.entity';
import { WorkflowErrorCode } from './workflows.errors';

const RULE_SPEC: ListSpec = {
  idColumn: 'w.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'w.created_at', value: (r: WorkflowRule) => r.createdAt },
    name: { column: 'w.name', value: (r: WorkflowRule) => r.name },
  },
  search: ['w.name'],
  filters: { entityType: 'w.entity_type' },
};

const RUN_SPEC: ListSpec = {
  idColumn: 'r.id',
  defaultSort: '-startedAt',
  sortable: { startedAt: { column: 'r.started_at', value: (r: WorkflowRun) => r.startedAt } },
  filters: { outcome: 'r.outcome' },
};

/** Operators that compare with a value (the others take none or a number of days). */
const UPDATE_TRIGGERS = new Set(['updated', 'fieldChanged', 'ownerChanged']);

export const toRuleResponse = (r: WorkflowRule): WorkflowRuleResponse => ({
  id: r.id,
  name: r.name,
  description: r.description,
  entityType: r.entityType,
  enabled: r.enabled,
  trigger: r.trigger,
  conditions: r.conditions,
  actions: r.actions,
  createdById: r.createdById,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toRunResponse = (r: WorkflowRun): WorkflowRunResponse => ({
  id: r.id,
  ruleId: r.ruleId,
  eventId: r.eventId,
  entityType: r.entityType,
  entityId: r.entityId,
  depth: r.depth,
  outcome: r.outcome,
  error: r.error,
  actions: r.actions,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  durationMs: r.durationMs,
});

/** Workflow rules: admin CRUD with validation against the kind's fields and the action registry, and the run log. */
@Injectable()
export class WorkflowRulesService {
  private readonly store: RecordStore<WorkflowRule>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly kinds: AutomationKinds,
    private readonly actions: WorkflowActions,
    private readonly catalog: PermissionCatalog,
  ) {
    this.store = new RecordStore(ds, audit, WorkflowRule, { entityType: 'workflow_rule', module: 'settings', alias: 'w' });
  }

  /**
   * The live custom modules (`obj.<key>`): reading them registers their automation kinds on this instance (the
   * objects module does it when the definitions are read); a deleted module's kind stays registered but is not live.
   */
  private async liveObjects(): Promise<Set<string>> {
    return new Set((await this.catalog.dynamicModules()).map((m) => m.module));
  }

  async kindsCatalogue(): Promise<AutomationKindDto[]> {
    const live = await this.liveObjects();
    return this.kinds.all().filter((k) => !isObjectModule(k.type) || live.has(k.type)).map((k) => ({
      type: k.type,
      pooled: k.pooled,
      fields: k.fields.map((f) => ({ name: f.name, type: f.type, options: f.options ? [...f.options] : undefined, updatable: !!f.updatable })),
    }));
  }

  async list(actor: AuthUser, query: QueryWorkflowRulesDto): Promise<WorkflowRulePage> {
    const page = await this.store.list(actor, query, RULE_SPEC);
    return { ...page, data: page.data.map(toRuleResponse) };
  }

  async get(actor: AuthUser, id: string): Promise<WorkflowRuleResponse> {
    return toRuleResponse(await this.store.get(actor, id));
  }

  /** The rule entity (404 when gone), for the dry run. */
  find(actor: AuthUser, id: string): Promise<WorkflowRule> {
    return this.store.get(actor, id);
  }

  async create(actor: AuthUser, dto: CreateWorkflowRuleDto): Promise<WorkflowRuleResponse> {
    const conditions = dto.conditions ?? { match: 'all', conditions: [] };
    if (isObjectModule(dto.entityType) && !(await this.liveObjects()).has(dto.entityType)) throw this.unknownKind(dto.entityType);
    this.validate(dto.entityType, dto.trigger, conditions, dto.actions);
    const rule = await this.store.create(actor, {
      name: dto.name,
      description: dto.description ?? null,
      entityType: dto.entityType,
      enabled: dto.enabled ?? true,
      trigger: dto.trigger,
      conditions,
      actions: dto.actions,
      createdById: actor.id,
    });
    return toRuleResponse(rule);
  }

  async update(actor: AuthUser, id: string, dto: UpdateWorkflowRuleDto, ifMatch?: number): Promise<WorkflowRuleResponse> {
    const { version, ...fields } = dto;
    const live = await this.liveObjects();
    const rule = await this.store.update(actor, id, ifMatch ?? version, (r) => {
      const next = { ...r, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as WorkflowRule;
      if (isObjectModule(next.entityType) && !live.has(next.entityType)) throw this.unknownKind(next.entityType);
      this.validate(next.entityType, next.trigger, next.conditions, next.actions);
      Object.assign(r, next);
      // a rule edited by someone now runs with that person's permissions
      r.createdById = actor.id;
      if (fields.actions) r.roundRobin = {};
    });
    return toRuleResponse(rule);
  }

  setEnabled(actor: AuthUser, id: string, enabled: boolean, ifMatch?: number): Promise<WorkflowRuleResponse> {
    return this.store
      .update(actor, id, ifMatch, (r) => {
        r.enabled = enabled;
      })
      .then(toRuleResponse);
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.store.softDelete(actor, id, ifMatch);
  }

  async runs(actor: AuthUser, id: string, query: QueryWorkflowRunsDto): Promise<Page<WorkflowRunResponse>> {
    await this.store.get(actor, id);
    const qb = this.ds.getRepository(WorkflowRun).createQueryBuilder('r').where('r.rule_id = :ruleId', { ruleId: id });
    const page = await paginate(qb, query, RUN_SPEC);
    return { ...page, data: page.data.map(toRunResponse) };
  }

  kindOf(type: string): AutomationKind {
    const kind = this.kinds.find(type);
    if (!kind) throw this.unknownKind(type);
    return kind;
  }

  private unknownKind(type: string) {
    return badRequest(WorkflowErrorCode.WORKFLOW_UNKNOWN_KIND, 'entityType', `Rules cannot watch ${type}`);
  }

  private validate(entityType: string, trigger: WorkflowTrigger, conditions: FilterGroup, actions: WorkflowAction[]): void {
    const kind = this.kindOf(entityType);
    const field = (name: string | undefined, at: string) => {
      const f = kind.fields.find((x) => x.name === name);
      if (!f) throw badRequest(WorkflowErrorCode.WORKFLOW_UNKNOWN_FIELD, at, `Unknown field ${name ?? ''}`);
      return f;
    };
    if (trigger.type === 'fieldChanged') {
      const f = field(trigger.field, 'trigger.field');
      if (f.type === 'enum' && trigger.to != null && !f.options?.includes(String(trigger.to))) {
        throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_VALUE, 'trigger.to', `${f.name} takes one of ${f.options?.join(', ')}`);
      }
    }
    if (trigger.type === 'dateReached') {
      if (field(trigger.field, 'trigger.field').type !== 'date') throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_TRIGGER, 'trigger.field', 'A time-based trigger needs a date field');
      if (trigger.days === undefined) throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_TRIGGER, 'trigger.days', 'How many days before or after?');
      if (!trigger.direction) throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_TRIGGER, 'trigger.direction', 'Before or after the date?');
    }
    conditions.conditions.forEach((c, i) => {
      field(c.field, `conditions.conditions[${i}].field`);
      const at = `conditions.conditions[${i}].value`;
      if (c.op === 'changed' && !UPDATE_TRIGGERS.has(trigger.type)) throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_CONDITION, `conditions.conditions[${i}].op`, '`changed` applies to update triggers only');
      if (['in', 'notIn'].includes(c.op) && !Array.isArray(c.value)) throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_CONDITION, at, `${c.op} takes a list`);
      if (c.op === 'between' && !(Array.isArray(c.value) && c.value.length === 2)) throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_CONDITION, at, 'between takes [from, to]');
      if (['olderThanDays', 'withinNextDays'].includes(c.op) && !Number.isInteger(c.value)) throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_CONDITION, at, `${c.op} takes a number of days`);
    });
    this.actions.validate(actions, kind);
  }
}
