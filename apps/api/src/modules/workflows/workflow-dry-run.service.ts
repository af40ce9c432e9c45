import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { AutomationKinds } from '@core/records/automation-kinds';
import { TestWorkflowRuleDto, WorkflowDryRunResponse } from './dto/workflow-rule.dto';
import { WorkflowActions } from './workflow-actions';
import { conditionsMatch, triggerMatches } from './workflow-match';
import { WorkflowRulesService } from './workflow-rules.service';

const EVENT_OF: Record<string, string> = {
  created: 'record.created',
  updated: 'record.updated',
  fieldChanged: 'record.updated',
  deleted: 'record.deleted',
  ownerChanged: 'record.ownerChanged',
};

/**
 * "What would this rule do to that record?" — evaluates trigger and conditions against a record the
 * admin may read and asks each action for its plan. Nothing is written: no run row, no claim, no
 * round-robin turn, no event.
 */
@Injectable()
export class WorkflowDryRunService {
  constructor(
    private readonly rules: WorkflowRulesService,
    private readonly kinds: AutomationKinds,
    private readonly actions: WorkflowActions,
  ) {}

  async test(actor: AuthUser, id: string, dto: TestWorkflowRuleDto): Promise<WorkflowDryRunResponse> {
    const rule = await this.rules.find(actor, id);
    const kind = this.rules.kindOf(rule.entityType);
    // the record as the admin may read it: out of their scope is a 404 like any read
    const record = kind.store.snapshot(await kind.store.get(actor, dto.recordId));
    const now = new Date();
    const changes = (dto.changedFields ?? []).map((field) => ({ field, old: null, new: record[field] ?? null }));
    let fires: boolean;
    if (rule.trigger.type === 'dateReached') {
      const at = record[rule.trigger.field!];
      const shift = (rule.trigger.direction === 'before' ? -1 : 1) * (rule.trigger.days ?? 0) * 86_400_000;
      fires = at instanceof Date && at.getTime() + shift <= now.getTime();
    } else {
      // the record is pretended to have just gone through the trigger's event with `changedFields`
      const pretended = rule.trigger.type === 'fieldChanged' && !dto.changedFields ? [{ field: rule.trigger.field!, old: null, new: record[rule.trigger.field!] ?? null }] : changes;
      fires = triggerMatches(rule.trigger, { eventName: EVENT_OF[rule.trigger.type], changes: pretended, record, now });
    }
    const matches = conditionsMatch(rule.conditions, { changes, record, now });
    const planned = [];
    for (const [index, action] of rule.actions.entries()) {
      const details = await this.actions.get(action.type).plan({ rule, action, index, kind, recordId: dto.recordId, record, actor, now });
      planned.push({ type: action.type, details });
    }
    return { triggerMatches: fires, conditionsMatch: matches, wouldRun: rule.enabled && fires && matches, actions: planned };
  }
}
