import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CurrenciesService } from './currencies.service';
import { CurrencyList, CurrencyResponse, QueryCurrenciesDto, SetBaseCurrencyDto, UpdateCurrencyDto } from './dto/currency.dto';

@ApiTags('currencies')
@ApiBearerAuth()
@Controller('currencies')
export class CurrenciesController {
  constructor(private readonly currencies: CurrenciesService) {}

  /** ISO 4217 currencies with their minor units, which are enabled and which is the base (any signed-in user) */
  @Get()
  @ApiProblems(400, 401)
  list(@Query() query: QueryCurrenciesDto): Promise<CurrencyList> {
    return this.currencies.list(query);
  }

  /** Make a currency the base every total converts to (admins: settings update); it is enabled with it */
  @Put('base')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403)
  setBase(@CurrentUser() user: AuthUser, @Body() dto: SetBaseCurrencyDto): Promise<CurrencyList> {
    return this.currencies.setBase(user, dto);
  }

  /** Enable or disable a currency; the base cannot be disabled (409 CURRENCY_BASE_CANNOT_BE_DISABLED) */
  @Patch(':code')
  @RequirePermission('currencies', 'update')
  @ApiProblems(400, 401, 403, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: UpdateCurrencyDto, @IfMatchVersion() ifMatch?: number): Promise<CurrencyResponse> {
    return this.currencies.update(user, code, dto, ifMatch);
  }
}
