import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsDateTime, Trim } from '@core/http/validators';

export class CreateApiKeyDto {
  /** What the key is for. @example ERP 同步 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** The role the key acts with (its permissions and data scope apply). @example 6f1c2a4e-8b9d-4c3e-9a7b-1d2e3f4a5b6c */
  @IsUUID()
  roleId: string;

  /** The service user the key acts as: audit entries and owners of created records name this user. @example 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d */
  @IsUUID()
  userId: string;

  /** When the key stops working; none: never. @example 2027-12-31T00:00:00Z */
  @IsOptional()
  @IsDateTime()
  expiresAt?: Date;

  /** Client addresses or CIDR ranges the key may be used from; empty: anywhere. @example ["203.0.113.0/24","127.0.0.1"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, { each: true, message: 'each entry must be an IP address or CIDR range' })
  ipAllowList?: string[];

  /** Requests per minute, counted across every API instance. @example 600 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rateLimitPerMinute?: number;
}

export class QueryApiKeysDto extends ListQueryDto {}

export class ApiKeyResponse {
  /** @example 5b8f0d9c-3a2e-4f1b-9c8d-7e6f5a4b3c2d */
  id: string;
  /** @example ERP 同步 */
  name: string;
  /** The secret's first characters, to tell keys apart. @example ky_live_Ab12Cd */
  prefix: string;
  /** @example 6f1c2a4e-8b9d-4c3e-9a7b-1d2e3f4a5b6c */
  roleId: string;
  /** @example 销售经理 */
  roleName: string | null;
  /** @example 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d */
  userId: string;
  /** @example ERP 集成 */
  userName: string | null;
  /** @example 2027-12-31T00:00:00.000Z */
  expiresAt: Date | null;
  /** @example 2026-11-30T08:00:00.000Z */
  lastUsedAt: Date | null;
  /** @example 203.0.113.7 */
  lastUsedIp: string | null;
  /** @example ["203.0.113.0/24"] */
  ipAllowList: string[];
  /** @example 600 */
  rateLimitPerMinute: number;
  /** @example null */
  revokedAt: Date | null;
  /** active, expired or revoked. @example active */
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] })
  status: 'active' | 'expired' | 'revoked';
  /** @example 2026-11-30T08:00:00.000Z */
  createdAt: Date;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  /** The secret, shown this once only (it is stored hashed). @example ky_live_3q2-7wEV9xJk0yTzR8bNc4HfLm1sPaUd6GiOe5vWqXo */
  secret: string;
}

export class ApiKeyList {
  data: ApiKeyResponse[];
  /** @example null */
  nextCursor: string | null;
  /** @example 3 */
  total: number;
  /** @example false */
  totalIsEstimate: boolean;
}
