import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { can } from '@keyuan/shared';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { AccountResponse } from '@modules/accounts/dto/account.dto';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactResponse } from '@modules/contacts/dto/contact.dto';
import { ContactsService } from '@modules/contacts/contacts.service';
import { LeadResponse } from '@modules/leads/dto/lead.dto';
import { LeadsService } from '@modules/leads/leads.service';
import { ObjectSearchGroup } from '@modules/objects/dto/record.dto';
import { RecordsService } from '@modules/objects/records.service';

export class SearchQuery {
  @ApiProperty({
    description:
      'Name or company (any part) to look for; phones and emails as in the lists: without viewSensitive only the whole number, its last four digits or the whole email, with it any part',
    example: '云启',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 20, example: 5, description: 'Hits per kind' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class SearchResponse {
  @ApiProperty({ type: [LeadResponse] })
  leads: LeadResponse[];
  @ApiProperty({ type: [AccountResponse] })
  accounts: AccountResponse[];
  @ApiProperty({ type: [ContactResponse] })
  contacts: ContactResponse[];
  /** Custom modules you may read that have hits (their records' names), each within your data scope. */
  @ApiProperty({ type: [ObjectSearchGroup] })
  objects: ObjectSearchGroup[];
}

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly records: RecordsService,
  ) {}

  /** Search leads, accounts, contacts and custom modules' records you may read (each kind's list `q`, newest first, masked as everywhere) */
  @Get()
  @ApiProblems(400, 401)
  async search(@CurrentUser() user: AuthUser, @Query() query: SearchQuery): Promise<SearchResponse> {
    const limit = query.limit ?? 5;
    const [leads, accounts, contacts, objects] = await Promise.all([
      can(user.grants, 'leads', 'read') ? this.leads.search(user, query.q, limit) : [],
      can(user.grants, 'accounts', 'read') ? this.accounts.search(user, query.q, limit) : [],
      can(user.grants, 'contacts', 'read') ? this.contacts.search(user, query.q, limit) : [],
      this.records.search(user, query.q, limit),
    ]);
    return { leads, accounts, contacts, objects };
  }
}
