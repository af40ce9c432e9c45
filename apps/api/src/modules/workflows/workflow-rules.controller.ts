import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  AutomationKindDto,
  CreateWorkflowRuleDto,
  QueryWorkflowRulesDto,
  QueryWorkflowRunsDto,
  TestWorkflowRuleDto,
  UpdateWorkflowRuleDto,
  WorkflowDryRunResponse,
  WorkflowRulePage,
  WorkflowRuleResponse,
  WorkflowRunPage,
} from './dto/workflow-rule.dto';
import { WorkflowDryRunService } from './workflow-dry-run.service';
import { WorkflowRulesService } from './workflow-rules.service';

@ApiTags('workflow-rules')
@ApiBearerAuth()
@Controller('workflow-rules')
export class WorkflowRulesController {
  constructor(
    private readonly rules: WorkflowRulesService,
    private readonly dryRun: WorkflowDryRunService,
  ) {}

  /** List workflow rules */
  @Get()
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryWorkflowRulesDto): Promise<WorkflowRulePage> {
    return this.rules.list(user, query);
  }

  /** Record kinds rules can watch, with their fields (for the rule builder) */
  @Get('kinds')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403)
  kinds(): Promise<AutomationKindDto[]> {
    return this.rules.kindsCatalogue();
  }

  /** Create a rule: trigger, conditions (the list filter model) and actions */
  @Post()
  @RequirePermission('settings', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWorkflowRuleDto): Promise<WorkflowRuleResponse> {
    return this.rules.create(user, dto);
  }

  /** Get a rule */
  @Get(':id')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<WorkflowRuleResponse> {
    return this.rules.get(user, id);
  }

  /** Change a rule (its actions then run with your permissions) */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateWorkflowRuleDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<WorkflowRuleResponse> {
    return this.rules.update(user, id, dto, ifMatch);
  }

  /** Turn a rule on */
  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 412)
  enable(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<WorkflowRuleResponse> {
    return this.rules.setEnabled(user, id, true, ifMatch);
  }

  /** Turn a rule off (it keeps its run log) */
  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 412)
  disable(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<WorkflowRuleResponse> {
    return this.rules.setEnabled(user, id, false, ifMatch);
  }

  /** Delete a rule */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.rules.remove(user, id, ifMatch);
  }

  /** The rule's runs, newest first: outcome, error, record, timings */
  @Get(':id/runs')
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403, 404)
  runs(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: QueryWorkflowRunsDto): Promise<WorkflowRunPage> {
    return this.rules.runs(user, id, query);
  }

  /** Dry run: what the rule would do to a record, with no side effects */
  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403, 404)
  test(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TestWorkflowRuleDto): Promise<WorkflowDryRunResponse> {
    return this.dryRun.test(user, id, dto);
  }
}
