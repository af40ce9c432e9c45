import { ApiProperty } from '@nestjs/swagger';

/** A record sharing a phone or email with the one being checked. */
export class DuplicateMatchDto {
  @ApiProperty({ enum: ['lead', 'contact', 'account'] })
  entityType: 'lead' | 'contact' | 'account';
  /** Null when the record is outside your data scope: you learn that it exists and who owns it, nothing more. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  id: string | null;
  /** @example 上海云启科技有限公司 */
  name: string | null;
  /** The owner's name, or null for a record in a pool. @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ enum: ['phone', 'email'] })
  matchedOn: 'phone' | 'email';
  /** The matching value, masked unless you may view sensitive fields. @example 138****5678 */
  value: string;
  /** Whether you can open the record. */
  visible: boolean;
}
