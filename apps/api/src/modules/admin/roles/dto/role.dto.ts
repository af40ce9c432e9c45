import { ApiProperty, PartialType, OmitType } from '@nestjs/swagger';
import {
  DATA_SCOPES,
  DataScope,
  PERMISSION_ACTIONS,
  PERMISSION_MODULES,
  PermissionAction,
  PermissionModule,
  SPECIAL_PERMISSIONS,
} from '@keyuan/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';

export class PermissionGrantDto {
  /** The module the grant is for: a built-in module, or `obj.<key>` for a custom module (GET /meta/permissions lists them). */
  @ApiProperty({ type: String, example: 'leads', pattern: `^(${PERMISSION_MODULES.join('|')}|obj\\.[a-z][a-z0-9_]{1,25})$` })
  @IsString()
  @Matches(new RegExp(`^(${PERMISSION_MODULES.join('|')}|obj\\.[a-z][a-z0-9_]{1,25})$`), { message: 'module must be a built-in module or obj.<custom module key>' })
  module: PermissionModule;

  /** Actions allowed on the module. */
  @ApiProperty({ enum: PERMISSION_ACTIONS, isArray: true, example: ['read', 'create', 'update'] })
  @IsArray()
  @IsIn(PERMISSION_ACTIONS, { each: true })
  actions: PermissionAction[];

  /** Which records: own, department (and sub-departments), or all. */
  @ApiProperty({ enum: DATA_SCOPES, example: 'own' })
  @IsIn(DATA_SCOPES)
  scope: DataScope;
}

export class CreateRoleDto {
  /**
   * Stable machine key, lower snake case, unique.
   * @example regional_manager
   */
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,49}$/, { message: 'key must be 2-50 lower-case letters, digits or underscores' })
  key: string;

  /**
   * Display name.
   * @example 区域经理
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** What the role is for. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** One grant per module; modules not listed are not accessible. */
  @ApiProperty({ type: [PermissionGrantDto] })
  @IsArray()
  @ArrayMaxSize(PERMISSION_MODULES.length + 50)
  @ValidateNested({ each: true })
  @Type(() => PermissionGrantDto)
  permissions: PermissionGrantDto[];

  /** Permissions outside the module matrix. */
  @ApiProperty({ enum: SPECIAL_PERMISSIONS, isArray: true, required: false, example: ['viewSensitive'] })
  @IsOptional()
  @IsArray()
  @IsIn(SPECIAL_PERMISSIONS, { each: true })
  specialPermissions?: string[];
}

export class UpdateRoleDto extends PartialType(OmitType(CreateRoleDto, ['key'] as const)) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryRolesDto extends ListQueryDto {}

export class RoleResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example sales_rep */
  key: string;
  /** @example 销售代表 */
  name: string;
  description: string | null;
  /** Built-in roles cannot be deleted; the admin role cannot be changed. */
  builtIn: boolean;
  @ApiProperty({ type: [PermissionGrantDto] })
  permissions: PermissionGrantDto[];
  @ApiProperty({ enum: SPECIAL_PERMISSIONS, isArray: true })
  specialPermissions: string[];
  /** Number of users holding the role. @example 12 */
  userCount: number;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class RolePage {
  @ApiProperty({ type: [RoleResponse] })
  data: RoleResponse[];
  nextCursor: string | null;
  /** @example 6 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class DynamicPermissionModuleDto {
  /** @example obj.site_visit */
  module: string;
  /** @example 上门拜访 */
  labelZh: string;
  /** @example Site visits */
  labelEn: string;
}

export class PermissionCatalogResponse {
  /** Built-in modules, then custom modules (`obj.<key>`). */
  @ApiProperty({ type: String, isArray: true })
  modules: string[];
  @ApiProperty({ enum: PERMISSION_ACTIONS, isArray: true })
  actions: string[];
  @ApiProperty({ enum: DATA_SCOPES, isArray: true })
  scopes: string[];
  @ApiProperty({ enum: SPECIAL_PERMISSIONS, isArray: true })
  specialPermissions: string[];
  /** Custom modules (`obj.<key>`) and their names, also listed in `modules` and in the group `custom`. */
  @ApiProperty({ type: [DynamicPermissionModuleDto] })
  objects: DynamicPermissionModuleDto[];
  /** Product areas and their modules, for menus and the role matrix. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } })
  groups: Record<string, string[]>;
}
