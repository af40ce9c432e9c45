import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateSlaPolicyDto,
  CreateTicketFormDto,
  CreateTicketTeamDto,
  QueryTicketFormsDto,
  SlaPolicyList,
  SlaPolicyResponse,
  TicketFormPage,
  TicketFormWithKeyResponse,
  TicketTeamList,
  TicketTeamResponse,
  UpdateSlaPolicyDto,
  UpdateTicketTeamDto,
} from './dto/team-sla.dto';
import { SlaPoliciesService } from './sla-policies.service';
import { TicketPublicService } from './ticket-public.service';
import { TicketTeamsService } from './ticket-teams.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('ticket-teams')
export class TicketTeamsController {
  constructor(private readonly teams: TicketTeamsService) {}

  /** Service teams with their agents and each agent's load */
  @Get()
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403)
  list(): Promise<TicketTeamList> {
    return this.teams.list();
  }

  /** Create a team (service managers: a tickets grant beyond own records) */
  @Post()
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTicketTeamDto): Promise<TicketTeamResponse> {
    return this.teams.create(user, dto);
  }

  /** Get a team */
  @Get(':id')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TicketTeamResponse> {
    return this.teams.get(id);
  }

  /** Change a team: name, lead, round-robin, agents (with their active flag) */
  @Patch(':id')
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTicketTeamDto, @IfMatchVersion() ifMatch?: number): Promise<TicketTeamResponse> {
    return this.teams.update(user, id, dto, ifMatch);
  }

  /** Delete a team */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tickets', 'update')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.teams.remove(user, id, ifMatch);
  }
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  /** SLA policies, most urgent first */
  @Get()
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403)
  list(): Promise<SlaPolicyList> {
    return this.policies.list();
  }

  /** Create a policy for a priority (optionally an account level); one per pair (409 SLA_POLICY_TAKEN) */
  @Post()
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSlaPolicyDto): Promise<SlaPolicyResponse> {
    return this.policies.create(user, dto);
  }

  /** Get a policy */
  @Get(':id')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SlaPolicyResponse> {
    return this.policies.get(id);
  }

  /** Change a policy (new tickets take it; open tickets keep their targets until their priority or account changes) */
  @Patch(':id')
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSlaPolicyDto, @IfMatchVersion() ifMatch?: number): Promise<SlaPolicyResponse> {
    return this.policies.update(user, id, dto, ifMatch);
  }

  /** Delete a policy */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tickets', 'update')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.policies.remove(user, id, ifMatch);
  }
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('ticket-forms')
export class TicketFormsController {
  constructor(private readonly pub: TicketPublicService) {}

  /** Support web forms */
  @Get()
  @RequirePermission('tickets', 'read')
  @ApiProblems(400, 401, 403)
  list(@Query() query: QueryTicketFormsDto): Promise<TicketFormPage> {
    return this.pub.listForms(query);
  }

  /** Create a support web form; the answer carries its key (X-Form-Key), shown only once */
  @Post()
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTicketFormDto): Promise<TicketFormWithKeyResponse> {
    return this.pub.createForm(user, dto);
  }

  /** Delete a form (its key stops working) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tickets', 'update')
  @ApiProblems(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.pub.removeForm(user, id);
  }
}
