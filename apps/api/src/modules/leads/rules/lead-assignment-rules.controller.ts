import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateLeadAssignmentRuleDto,
  LeadAssignmentRulePage,
  LeadAssignmentRuleResponse,
  QueryLeadAssignmentRulesDto,
  UpdateLeadAssignmentRuleDto,
} from './lead-assignment-rule.dto';
import { LeadAssignmentRulesService } from './lead-assignment-rules.service';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('lead-assignment-rules')
export class LeadAssignmentRulesController {
  constructor(private readonly rules: LeadAssignmentRulesService) {}

  /** List lead assignment rules in evaluation order */
  @Get()
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryLeadAssignmentRulesDto): Promise<LeadAssignmentRulePage> {
    return this.rules.list(user, query);
  }

  /** Create a rule routing new leads by source and region to a group in turn */
  @Post()
  @RequirePermission('settings', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateLeadAssignmentRuleDto): Promise<LeadAssignmentRuleResponse> {
    return this.rules.create(user, dto);
  }

  /** Get a rule */
  @Get(':id')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeadAssignmentRuleResponse> {
    return this.rules.get(user, id);
  }

  /** Change a rule */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateLeadAssignmentRuleDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<LeadAssignmentRuleResponse> {
    return this.rules.update(user, id, dto, ifMatch);
  }

  /** Delete a rule */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.rules.remove(user, id, ifMatch);
  }
}
