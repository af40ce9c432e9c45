import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { LeadHomeQueryDto, LeadHomeResponse } from './dto/lead-home.dto';
import { LeadHomeService } from './lead-home.service';

@ApiTags('home')
@ApiBearerAuth()
@Controller('home')
export class LeadHomeController {
  constructor(private readonly home: LeadHomeService) {}

  /** Your lead follow-ups (overdue, today), stale and recently assigned leads, pool claims about to return; your team's figures when your scope is wider than your own */
  @Get('leads')
  @RequirePermission('leads', 'read')
  @ApiProblems(400, 401, 403)
  leads(@CurrentUser() user: AuthUser, @Query() query: LeadHomeQueryDto): Promise<LeadHomeResponse> {
    return this.home.summary(user, query);
  }
}
