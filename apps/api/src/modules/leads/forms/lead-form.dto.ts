import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsPhone, LowerCaseEmail, NormalizePhone, Trim } from '@core/http/validators';
import { LEAD_SOURCES } from '../lead.entity';

export class CreateLeadFormDto {
  /** @example 官网联系我们 Website contact form */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Pool for leads no assignment rule takes. */
  @IsOptional()
  @IsUUID()
  poolId?: string | null;

  @ApiProperty({ enum: LEAD_SOURCES, required: false, example: 'web' })
  @IsOptional()
  @IsIn(LEAD_SOURCES)
  source?: string;

  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateLeadFormDto extends PartialType(CreateLeadFormDto) {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryLeadFormsDto extends ListQueryDto {}

export class LeadFormResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  /** The key's first characters. @example lf_3kq9 */
  keyPrefix: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  poolId: string | null;
  source: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  campaignId: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class LeadFormWithKeyResponse extends LeadFormResponse {
  /** The form key, shown only now: send it as `X-Form-Key` from the website. */
  key: string;
}

export class LeadFormPage {
  @ApiProperty({ type: [LeadFormResponse] })
  data: LeadFormResponse[];
  nextCursor: string | null;
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

/** What a website form posts. Leave `website` empty: it is a honeypot for bots. */
export class PublicLeadDto {
  /** @example 陈静 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  company?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string;

  /** @example 137 1234 5678 */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  phone?: string;

  @IsOptional()
  @LowerCaseEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  province?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  city?: string;

  /** The visitor's message. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  message?: string;

  /** Honeypot: hidden in the form; bots fill it and their submission is dropped. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

export class PublicLeadAccepted {
  /** Always true: the submission was received (bots are not told they were caught). */
  received: boolean;
}
