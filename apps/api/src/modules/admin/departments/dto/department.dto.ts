import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';

export class CreateDepartmentDto {
  /**
   * Department name, unique among its siblings.
   * @example 华东销售部
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Parent department; null or absent for a top-level department. */
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  /** The department's manager (an active user), who approves for its people; null for none. */
  @IsOptional()
  @IsUUID()
  managerId?: string | null;
}

export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryDepartmentsDto extends ListQueryDto {
  /** Only the direct children of this department. */
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class DepartmentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 华东销售部 */
  name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  /** The department's manager (approves for its people and, without their own, the sub-departments'). */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  managerId: string | null;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class DepartmentPage {
  @ApiProperty({ type: [DepartmentResponse] })
  data: DepartmentResponse[];
  nextCursor: string | null;
  /** @example 3 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class DepartmentTreeNode {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 销售部 */
  name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  managerId: string | null;
  /** Number of active users directly in this department. @example 4 */
  userCount: number;
  @ApiProperty({ type: () => [DepartmentTreeNode] })
  children: DepartmentTreeNode[];
}
