import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { grantsCover } from '@keyuan/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { newApiKey } from '@core/auth/api-keys';
import { AuditService } from '@core/audit/audit.service';
import { badRequest, DomainError, notFound } from '@core/http/domain-error';
import { ListSpec, paginate, Page } from '@core/http/keyset';
import { RolesService } from '@modules/admin/roles/roles.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ApiKey } from './api-key.entity';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, QueryApiKeysDto } from '../dto/api-key.dto';
import { IntegrationErrorCode } from '../integrations.errors';

const LIST_SPEC: ListSpec = {
  sortable: {
    createdAt: { column: 'k.created_at', value: (k: ApiKey) => k.createdAt },
    name: { column: 'k.name', value: (k: ApiKey) => k.name },
  },
  defaultSort: '-createdAt',
  search: ['k.name', 'k.prefix'],
  idColumn: 'k.id',
};

/**
 * API keys for integrators: an admin creates one bound to a role (its grants and data scope) acting as a
 * service user; the secret is answered once and stored as its SHA-256. Authentication itself lives in
 * core/auth (ApiKeyAuthenticator), reading the row on every request so revocation is immediate everywhere.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthUser, query: QueryApiKeysDto): Promise<Page<ApiKeyResponse>> {
    const page = await paginate(this.ds.getRepository(ApiKey).createQueryBuilder('k'), query, LIST_SPEC);
    return { ...page, data: await this.toResponses(page.data) };
  }

  async get(actor: AuthUser, id: string): Promise<ApiKeyResponse> {
    return (await this.toResponses([await this.find(id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    if (dto.expiresAt && dto.expiresAt.getTime() <= Date.now()) {
      throw badRequest(IntegrationErrorCode.API_KEY_EXPIRY_PAST, 'expiresAt', 'The expiry must be in the future');
    }
    if (!(await this.users.activeIds([dto.userId])).length) {
      throw badRequest(IntegrationErrorCode.API_KEY_USER_INVALID, 'userId', 'The service user does not exist or is inactive');
    }
    // the key acts as its service user (own and department scopes are that user's): only someone who manages
    // every user may name another one, or a rep could read a colleague's records through a key
    const managesAllUsers = actor.grants.some((g) => g.module === 'users' && g.actions.includes('update') && g.scope === 'all');
    if (dto.userId !== actor.id && !managesAllUsers) {
      throw new DomainError(IntegrationErrorCode.API_KEY_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'Only an administrator may create a key acting as another user', [
        { field: 'userId', message: 'must be yourself' },
      ]);
    }
    const role = await this.roles.get(actor, dto.roleId).catch(() => null);
    if (!role) throw badRequest(IntegrationErrorCode.API_KEY_ROLE_INVALID, 'roleId', 'The role does not exist');
    // nobody hands out more access than they hold, through a key either
    if (!grantsCover(actor.grants, actor.special, role.permissions, role.specialPermissions)) {
      throw new DomainError(IntegrationErrorCode.API_KEY_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'The role grants more access than you have', [
        { field: 'roleId', message: 'grants more than you hold' },
      ]);
    }
    const { secret, hash, prefix } = newApiKey();
    const saved = await this.ds.transaction(async (m) => {
      const key = await m.getRepository(ApiKey).save(
        m.getRepository(ApiKey).create({
          name: dto.name,
          prefix,
          secretHash: hash,
          userId: dto.userId,
          roleId: dto.roleId,
          expiresAt: dto.expiresAt ?? null,
          ipAllowList: dto.ipAllowList ?? [],
          rateLimitPerMinute: dto.rateLimitPerMinute ?? 600,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(m, actor, 'create', 'api_key', key.id, [
        { field: 'name', old: null, new: key.name },
        { field: 'roleId', old: null, new: key.roleId },
        { field: 'userId', old: null, new: key.userId },
      ]);
      return key;
    });
    return { ...(await this.get(actor, saved.id)), secret };
  }

  /** Takes effect on the next request on every instance (authentication reads the row each time). */
  async revoke(actor: AuthUser, id: string): Promise<ApiKeyResponse> {
    await this.ds.transaction(async (m) => {
      const [rows]: [unknown[]] = await m.query(
        `UPDATE api_keys SET revoked_at = now(), revoked_by = $2, updated_at = now(), version = version + 1 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [id, actor.id],
      );
      if (!rows.length) {
        await this.find(id);
        throw new DomainError(IntegrationErrorCode.API_KEY_REVOKED, HttpStatus.CONFLICT, 'The key was revoked already');
      }
      await this.audit.record(m, actor, 'update', 'api_key', id, [{ field: 'revoked', old: false, new: true }]);
    });
    return this.get(actor, id);
  }

  private async find(id: string): Promise<ApiKey> {
    const key = await this.ds.getRepository(ApiKey).findOneBy({ id });
    if (!key) throw notFound('API key');
    return key;
  }

  private async toResponses(keys: ApiKey[]): Promise<ApiKeyResponse[]> {
    const [users, roles] = await Promise.all([
      this.users.namesByIds(keys.map((k) => k.userId)),
      this.roles.namesByIds([...new Set(keys.map((k) => k.roleId))]),
    ]);
    const now = Date.now();
    return keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      roleId: k.roleId,
      roleName: roles.get(k.roleId) ?? null,
      userId: k.userId,
      userName: users.get(k.userId) ?? null,
      expiresAt: k.expiresAt,
      lastUsedAt: k.lastUsedAt,
      lastUsedIp: k.lastUsedIp,
      ipAllowList: k.ipAllowList ?? [],
      rateLimitPerMinute: k.rateLimitPerMinute,
      revokedAt: k.revokedAt,
      status: k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt.getTime() <= now ? 'expired' : 'active',
      createdAt: k.createdAt,
    }));
  }
}
