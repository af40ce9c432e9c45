import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, Public, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { RateLimit } from '@core/ratelimit/rate-limit';
import {
  CreateLeadFormDto,
  LeadFormPage,
  LeadFormResponse,
  LeadFormWithKeyResponse,
  PublicLeadAccepted,
  PublicLeadDto,
  QueryLeadFormsDto,
  UpdateLeadFormDto,
} from './lead-form.dto';
import { LeadFormsService } from './lead-forms.service';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('lead-forms')
export class LeadFormsController {
  constructor(private readonly forms: LeadFormsService) {}

  /** List web-to-lead forms */
  @Get()
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryLeadFormsDto): Promise<LeadFormPage> {
    return this.forms.list(user, query);
  }

  /** Create a web-to-lead form; the answer carries its key, shown only once */
  @Post()
  @RequirePermission('settings', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateLeadFormDto): Promise<LeadFormWithKeyResponse> {
    return this.forms.create(user, dto);
  }

  /** Get a form */
  @Get(':id')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeadFormResponse> {
    return this.forms.get(user, id);
  }

  /** Change a form */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateLeadFormDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<LeadFormResponse> {
    return this.forms.update(user, id, dto, ifMatch);
  }

  /** Issue a new key (the old one stops working) */
  @Post(':id/rotate-key')
  @HttpCode(200)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404)
  rotateKey(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeadFormWithKeyResponse> {
    return this.forms.rotateKey(user, id);
  }

  /** Delete a form */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.forms.remove(user, id, ifMatch);
  }
}

@ApiTags('public')
@Controller('public/leads')
export class PublicLeadsController {
  constructor(private readonly forms: LeadFormsService) {}

  /** Web-to-lead: a website form submits a lead (form key in X-Form-Key; rate limited per IP) */
  @Public()
  @RateLimit('public')
  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'X-Form-Key', required: true, description: 'The key of a lead form' })
  @ApiProblems(400, 401, 429)
  async submit(@Headers('x-form-key') key: string | undefined, @Body() dto: PublicLeadDto): Promise<PublicLeadAccepted> {
    await this.forms.submit(key, dto);
    return { received: true };
  }
}
