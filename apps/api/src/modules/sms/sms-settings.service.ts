import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DomainError, staleVersion } from '@core/http/domain-error';
import { credentialsBox } from '@core/messaging/sealed-credentials';
import type { SecretBox } from '@core/util/secret-box';
import type { FrequencyCaps } from '@core/messaging/frequency-cap';
import type { SendWindow } from '@core/messaging/send-window';
import { AliyunSmsProvider } from './providers/aliyun.provider';
import { LogSmsProvider } from './providers/log.provider';
import type { SmsProvider, SmsProviderName } from './providers/provider';
import { TwilioSmsProvider } from './providers/twilio.provider';
import { SmsErrorCode } from './sms.errors';
import { SmsCredentialsDto, SmsSettingsResponse, UpdateSmsSettingsDto } from './dto/sms.dto';

type Credentials = Partial<Record<SmsProviderName, Record<string, string>>>;

/** The settings row as the module uses it. */
export interface SmsSettings {
  provider: SmsProviderName;
  credentials: Credentials;
  webhookToken: string;
  publicBaseUrl: string | null;
  ratePerSecond: number;
  window: SendWindow;
  caps: FrequencyCaps;
  optOutLine: string;
  version: number;
}

const REQUIRED: Record<Exclude<SmsProviderName, 'log'>, (keyof SmsCredentialsDto)[]> = {
  twilio: ['accountSid', 'authToken', 'from'],
  aliyun: ['accessKeyId', 'accessKeySecret', 'signName'],
};

interface Row {
  provider: SmsProviderName;
  credentials: string | null;
  webhook_token: string;
  public_base_url: string | null;
  rate_per_second: number;
  quiet_start: string;
  quiet_end: string;
  cap_template_per_day: number;
  cap_marketing_per_day: number;
  opt_out_line: string;
  version: number;
}

const hint = (v: string | undefined) => (v ? `${v.slice(0, 4)}…${v.slice(-4)}` : null);

/**
 * The provider choice and its credentials (sealed with CREDENTIALS_KEY, write-only), the webhook token, the
 * broadcast rate, allowed hours and frequency caps. One row; the provider instance is rebuilt when it changes.
 */
@Injectable()
export class SmsSettingsService {
  private readonly box: SecretBox;
  private cached: { version: number; provider: SmsProvider } | null = null;
  /** Tests and the bench may put a provider in place of the configured one (the fakes are configured normally). */
  readonly log = new LogSmsProvider();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.box = credentialsBox(config, 'Sms');
  }

  async load(m: EntityManager = this.ds.manager): Promise<SmsSettings> {
    const [r]: Row[] = await m.query(`SELECT * FROM sms_settings WHERE id = 1`);
    return {
      provider: r.provider,
      credentials: r.credentials ? (JSON.parse(this.box.open(r.credentials)) as Credentials) : {},
      webhookToken: r.webhook_token,
      publicBaseUrl: r.public_base_url,
      ratePerSecond: r.rate_per_second,
      window: { start: r.quiet_start, end: r.quiet_end, timezone: this.config.timezone },
      caps: { perTemplatePerDay: r.cap_template_per_day, marketingPerDay: r.cap_marketing_per_day },
      optOutLine: r.opt_out_line,
      version: r.version,
    };
  }

  async get(): Promise<SmsSettingsResponse> {
    return this.toResponse(await this.load());
  }

  async update(actor: AuthUser, dto: UpdateSmsSettingsDto, ifMatch?: number): Promise<SmsSettingsResponse> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT 1 FROM sms_settings WHERE id = 1 FOR UPDATE`);
      const s = await this.load(m);
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== s.version) throw staleVersion(s.version);
      const provider = dto.provider ?? s.provider;
      const credentials = { ...s.credentials };
      if (dto.credentials) {
        const given = Object.fromEntries(
          Object.entries(dto.credentials).filter(([, v]) => typeof v === 'string' && v !== ''),
        ) as Record<string, string>;
        credentials[provider] = { ...(credentials[provider] ?? {}), ...given };
      }
      if (provider !== 'log') {
        const missing = REQUIRED[provider].filter((f) => !credentials[provider]?.[f]);
        if (missing.length) {
          throw new DomainError(
            SmsErrorCode.SMS_CREDENTIALS_REQUIRED,
            HttpStatus.BAD_REQUEST,
            `${provider} needs ${missing.join(', ')}`,
            missing.map((f) => ({ field: `credentials.${f}`, message: `${f} is required for ${provider}` })),
          );
        }
      }
      const window = { start: dto.quietStart ?? s.window.start, end: dto.quietEnd ?? s.window.end };
      await m.query(
        `UPDATE sms_settings SET provider = $1, credentials = $2, public_base_url = $3, rate_per_second = $4, quiet_start = $5, quiet_end = $6,
           cap_template_per_day = $7, cap_marketing_per_day = $8, opt_out_line = $9, version = version + 1, updated_at = now() WHERE id = 1`,
        [
          provider,
          Object.keys(credentials).length ? this.box.seal(JSON.stringify(credentials)) : null,
          dto.publicBaseUrl === undefined
            ? s.publicBaseUrl
            : dto.publicBaseUrl
              ? dto.publicBaseUrl.replace(/\/+$/, '')
              : null,
          dto.ratePerSecond ?? s.ratePerSecond,
          window.start,
          window.end,
          dto.capTemplatePerDay ?? s.caps.perTemplatePerDay,
          dto.capMarketingPerDay ?? s.caps.marketingPerDay,
          dto.optOutLine ?? s.optOutLine,
        ],
      );
      // the audit names what changed, never a credential's value
      const changes = [
        ...(provider !== s.provider ? [{ field: 'provider', old: s.provider, new: provider }] : []),
        ...(dto.credentials ? [{ field: 'credentials', old: null, new: `${provider} (updated)` }] : []),
      ];
      await this.audit.record(
        m,
        actor,
        'update',
        'sms_settings',
        '00000000-0000-0000-0000-000000000001',
        changes,
      );
      return this.toResponse(await this.load(m));
    });
  }

  /** The configured provider (rebuilt when the settings change). */
  async provider(s?: SmsSettings): Promise<SmsProvider> {
    const settings = s ?? (await this.load());
    if (this.cached?.version === settings.version) return this.cached.provider;
    const c = settings.credentials[settings.provider] ?? {};
    const provider: SmsProvider =
      settings.provider === 'twilio'
        ? new TwilioSmsProvider({
            accountSid: c.accountSid,
            authToken: c.authToken,
            from: c.from,
            baseUrl: c.endpoint,
          })
        : settings.provider === 'aliyun'
          ? new AliyunSmsProvider({
              accessKeyId: c.accessKeyId,
              accessKeySecret: c.accessKeySecret,
              signName: c.signName,
              endpoint: c.endpoint,
            })
          : this.log;
    this.cached = { version: settings.version, provider };
    return provider;
  }

  /** The URL providers post a message's receipts to (Twilio's StatusCallback), or null without a public URL. */
  statusCallback(s: SmsSettings, messageId: string): string | null {
    return s.publicBaseUrl ? `${s.publicBaseUrl}/api/v1/sms/webhooks/twilio/status?m=${messageId}` : null;
  }

  private toResponse(s: SmsSettings): SmsSettingsResponse {
    const c = s.credentials[s.provider] ?? {};
    const base = s.publicBaseUrl;
    const hook = (kind: string) =>
      base
        ? `${base}/api/v1/sms/webhooks/${s.provider}/${kind}${s.provider === 'aliyun' ? `?token=${s.webhookToken}` : ''}`
        : null;
    return {
      provider: s.provider,
      credentialsSet: s.provider === 'log' || REQUIRED[s.provider].every((f) => !!c[f]),
      credentialHint: hint(c.accountSid ?? c.accessKeyId),
      sender: c.from ?? c.signName ?? null,
      publicBaseUrl: s.publicBaseUrl,
      webhooks: {
        status: s.provider === 'log' ? null : hook('status'),
        inbound: s.provider === 'log' ? null : hook('inbound'),
      },
      ratePerSecond: s.ratePerSecond,
      quietStart: s.window.start,
      quietEnd: s.window.end,
      timezone: s.window.timezone,
      capTemplatePerDay: s.caps.perTemplatePerDay,
      capMarketingPerDay: s.caps.marketingPerDay,
      optOutLine: s.optOutLine,
      version: s.version,
    };
  }
}
