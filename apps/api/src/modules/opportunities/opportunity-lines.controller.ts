import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { OpportunityLinesResponse, ReplaceOpportunityLinesDto } from './dto/opportunity-line.dto';
import { OpportunityLinesService } from './opportunity-lines.service';

@ApiTags('opportunities')
@ApiBearerAuth()
@Controller('opportunities')
export class OpportunityLinesController {
  constructor(private readonly lines: OpportunityLinesService) {}

  /** The opportunity's line items (products with quantity, price and discount) and its amount */
  @Get(':id/lines')
  @RequirePermission('opportunities', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OpportunityLinesResponse> {
    return this.lines.get(user, id);
  }

  /**
   * Replace the line items; the amount then follows their exact total (read-only while there are lines; an
   * empty list frees it). Stale version: 412; a product in another currency: 400 OPPORTUNITY_LINE_CURRENCY
   */
  @Put(':id/lines')
  @RequirePermission('opportunities', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  replace(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplaceOpportunityLinesDto, @IfMatchVersion() ifMatch?: number): Promise<OpportunityLinesResponse> {
    return this.lines.replace(user, id, dto, ifMatch);
  }
}
