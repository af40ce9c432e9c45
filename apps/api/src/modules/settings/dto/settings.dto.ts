import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateSettingsDto {
  /** Company name in Chinese (quote PDFs in zh-CN). @example 客源科技有限公司 */
  @IsOptional() @IsString() @MaxLength(200)
  companyNameZh?: string;
  /** Company name in English (quote PDFs in en-US). @example Keyuan Technology Co., Ltd. */
  @IsOptional() @IsString() @MaxLength(200)
  companyNameEn?: string;
  /** @example 上海市浦东新区张江路 100 号 */
  @IsOptional() @IsString() @MaxLength(300)
  address?: string;
  /** @example 021-6000 0000 */
  @IsOptional() @IsString() @MaxLength(50)
  phone?: string;
  /** Unified social credit code / tax number. @example 91310115MA1K3XXXXX */
  @IsOptional() @IsString() @MaxLength(50)
  taxId?: string;
  /** @example 招商银行上海张江支行 */
  @IsOptional() @IsString() @MaxLength(100)
  bankName?: string;
  /** @example 6225 8801 2345 6789 */
  @IsOptional() @IsString() @MaxLength(50)
  bankAccount?: string;
  /** IANA time zone for dates and daily jobs' display; empty: TZ_BUSINESS. @example Asia/Shanghai */
  @IsOptional() @IsString() @MaxLength(60)
  timeZone?: string;
  /** Default language for requests without Accept-Language; empty: DEFAULT_LOCALE. */
  @ApiProperty({ required: false, enum: ['zh-CN', 'en-US', ''], example: 'zh-CN' })
  @IsOptional() @IsIn(['zh-CN', 'en-US', ''])
  locale?: string;
  /** The company name on the login page; empty: the company name. @example 客源 CRM */
  @IsOptional() @IsString() @MaxLength(200)
  loginCompanyName?: string;
}

export class SettingsResponse {
  /** @example 客源科技有限公司 */
  companyNameZh: string;
  /** @example Keyuan Technology Co., Ltd. */
  companyNameEn: string;
  /** @example 上海市浦东新区张江路 100 号 */
  address: string;
  /** @example 021-6000 0000 */
  phone: string;
  /** @example 91310115MA1K3XXXXX */
  taxId: string;
  /** @example 招商银行上海张江支行 */
  bankName: string;
  /** @example 6225 8801 2345 6789 */
  bankAccount: string;
  /** Whether a logo is stored (GET /settings/logo). @example true */
  hasLogo: boolean;
  /** Empty: the configured TZ_BUSINESS. @example Asia/Shanghai */
  timeZone: string;
  /** Empty: the configured DEFAULT_LOCALE. @example zh-CN */
  locale: string;
  /** @example 客源 CRM */
  loginCompanyName: string;
  /** Number formats of documents (QUOTE_NUMBER_FORMAT, CONTRACT_NUMBER_FORMAT, TICKET_NUMBER_FORMAT; read-only, set in the environment). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { quote: 'Q{yyyyMM}-{seq:4}' } })
  numberFormats: Record<string, string>;
  /** The time zone and locale in effect (settings, else configuration). */
  @ApiProperty({ example: { timeZone: 'Asia/Shanghai', locale: 'zh-CN' } })
  effective: { timeZone: string; locale: string };
  /** @example 3 */
  version: number;
  /** @example 2026-11-30T08:00:00.000Z */
  updatedAt: Date;
}

export class PublicSettingsResponse {
  /** The company name for the login page. @example 客源科技有限公司 */
  loginCompanyName: string;
  /** @example 客源科技有限公司 */
  companyNameZh: string;
  /** @example Keyuan Technology Co., Ltd. */
  companyNameEn: string;
  /** @example true */
  hasLogo: boolean;
  /** @example zh-CN */
  locale: string;
}
