import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '@core/http/validators';

/** Body of `POST /<records>/{id}/assign` for every pooled record kind. */
export class AssignOwnerDto {
  /** The new owner; must be an active user inside your data scope. */
  @IsUUID()
  ownerId: string;

  /**
   * Why (kept in the audit log and shown in the new owner's notification).
   * @example 华东区域
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** Body of `POST /<records>/{id}/release` for every pooled record kind. */
export class ReleaseToPoolDto {
  /**
   * Why the record goes back to the pool (kept in the audit log).
   * @example 客户暂无采购计划
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  /** Target pool; defaults to the pool it came from, else the nearest pool of its department. */
  @IsOptional()
  @IsUUID()
  poolId?: string;
}
