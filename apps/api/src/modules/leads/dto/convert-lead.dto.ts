import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { AccountResponse, CreateAccountDto } from '@modules/accounts/dto/account.dto';
import { ContactResponse, CreateContactDto } from '@modules/contacts/dto/contact.dto';
import { ConvertOpportunityDto, OpportunityResponse } from '@modules/opportunities/dto/opportunity.dto';
import { LeadResponse } from './lead.dto';

/** Account fields for the conversion; anything left out is taken from the lead. */
export class ConvertAccountDto extends PartialType(CreateAccountDto) {}

/** Contact fields for the conversion; anything left out is taken from the lead. */
export class ConvertContactDto extends PartialType(OmitType(CreateContactDto, ['accountId'] as const)) {}

export class ConvertLeadDto {
  /** Link the lead to this existing account (one you can read) instead of creating one. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** Create the account with these fields (defaults: the lead's company, or the lead's name for an individual). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ConvertAccountDto)
  account?: ConvertAccountDto;

  /** Contact fields (defaults: the lead's name, title, phone and email). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ConvertContactDto)
  contact?: ConvertContactDto;

  /** Create a contact for the person (default true). */
  @IsOptional()
  @IsBoolean()
  createContact?: boolean;

  /**
   * Give the new account the lead's phone (default true); false leaves the account's phone empty unless
   * `account.phone` is given.
   */
  @IsOptional()
  @IsBoolean()
  copyPhoneToAccount?: boolean;

  /**
   * Also create an opportunity for the account, in the same transaction (needs opportunities:create).
   * Defaults: the lead's company (or name) as its name, the default pipeline's first stage, CNY, amount 0,
   * close in 30 days. Anything invalid (a stage of another pipeline, a lost stage without a reason) rolls
   * the whole conversion back.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => ConvertOpportunityDto)
  opportunity?: ConvertOpportunityDto;

  /** Deprecated: use the `allowDuplicate` query parameter, spelled as on every other endpoint. */
  @ApiProperty({ required: false, deprecated: true })
  @IsOptional()
  @IsBoolean()
  allowDuplicate?: boolean;
}

export class ConvertLeadResponse {
  lead: LeadResponse;
  account: AccountResponse;
  @ApiProperty({ type: () => ContactResponse, nullable: true })
  contact: ContactResponse | null;
  /** The opportunity created with `opportunity`, else null. */
  @ApiProperty({ type: () => OpportunityResponse, nullable: true })
  opportunity: OpportunityResponse | null;
}
