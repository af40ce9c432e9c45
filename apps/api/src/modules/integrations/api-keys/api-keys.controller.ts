import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { ApiKeyList, ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, QueryApiKeysDto } from '../dto/api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** List API keys (never their secrets); sort by createdAt or name */
  @Get()
  @RequirePermission('integrations', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryApiKeysDto): Promise<ApiKeyList> {
    return this.keys.list(user, query);
  }

  /** Create an API key bound to a role and a service user; the answer holds the secret, shown this once */
  @Post()
  @RequirePermission('integrations', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.keys.create(user, dto);
  }

  /** Get an API key */
  @Get(':id')
  @RequirePermission('integrations', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyResponse> {
    return this.keys.get(user, id);
  }

  /** Revoke an API key: it fails on the next request, on every instance (409 API_KEY_REVOKED if already revoked) */
  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('integrations', 'delete')
  @ApiProblems(401, 403, 404, 409)
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyResponse> {
    return this.keys.revoke(user, id);
  }
}
