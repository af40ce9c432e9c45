import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FALLBACK_LOCALE, isLocale, type Locale } from '../i18n/locale';

/** Walk up from this file to the workspace root (the folder holding pnpm-workspace.yaml). */
export function findRepoRoot(start = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function locale(env: NodeJS.ProcessEnv, name: string, def: Locale): Locale {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!isLocale(raw)) throw new ConfigError(`${name} must be zh-CN or en-US, got "${raw}"`);
  return raw;
}

function timeZone(raw: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
  } catch {
    throw new ConfigError(`TZ_BUSINESS must be an IANA time zone such as Asia/Shanghai, got "${raw}"`);
  }
  return raw;
}

/** "20/60" = 20 requests per 60 seconds. */
function rate(env: NodeJS.ProcessEnv, name: string, def: string): { points: number; windowSec: number } {
  const raw = env[name] || def;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (!m) throw new ConfigError(`${name} must look like "<requests>/<seconds>", got "${raw}"`);
  return { points: Number(m[1]), windowSec: Number(m[2]) };
}

/** Every environment variable the API reads, validated once at boot. The README lists them. */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  embeddedPgDir: string;
  embeddedPgPort: number;
  dbPoolSize: number;
  /**
   * DATABASE_READ_URL: streaming replicas (comma-separated URLs) that list, search, export, timeline and
   * analytics reads go to (core/database/read-routing); empty: every query goes to DATABASE_URL.
   */
  databaseReadUrls: string[];
  /** A replica connection not had within this fails, and the read runs on the primary (DATABASE_READ_CONNECT_TIMEOUT_MS). */
  databaseReadConnectTimeoutMs: number;
  /** A replica further behind the primary than this takes no reads until it catches up; 0: no limit (DATABASE_READ_MAX_LAG_MS). */
  databaseReadMaxLagMs: number;
  /** How often each replica's reachability and lag are checked (DATABASE_READ_CHECK_INTERVAL_MS). */
  databaseReadCheckIntervalMs: number;
  /** After a user's write, that user's reads stay on the primary this long (READ_YOUR_WRITES_MS). */
  readYourWritesMs: number;
  /**
   * Seconds an analytics report stays cached per (report, data scope, filters) in this process; 0: every
   * request computes live. The figures lag the records by at most this long (analytics' own writes clear it).
   */
  analyticsCacheSeconds: number;
  jwtSecret: string | undefined;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  adminEmail: string;
  adminPassword: string | undefined;
  seedDemo: boolean;
  corsOrigins: string[] | true;
  bodyLimit: string;
  authRateLimit: { points: number; windowSec: number };
  publicRateLimit: { points: number; windowSec: number };
  loginMaxFailures: number;
  loginLockMinutes: number;
  webDist: string;
  logJson: boolean;
  /** One log line per API request (errors are always logged). */
  logRequests: boolean;
  /** Largest accepted import file, bytes (413 beyond). */
  importMaxBytes: number;
  runMigrations: boolean;
  jobsEnabled: boolean;
  /** IANA time zone for schedules (the daily pool return), business dates and the local times of exported files. */
  timezone: string;
  /** Language of messages and files for requests without a usable Accept-Language. */
  defaultLocale: Locale;
  /** Append every SQL statement with its parameters to this file (diagnosis, the benchmark's floor). */
  sqlLogFile: string | undefined;
  /** Quote numbers: a sequence format (`{yyyy}`, `{yyyyMM}`, `{yyyyMMdd}`, `{seq:N}`), see core/sequences. */
  quoteNumberFormat: string;
  /** Accepting a quote moves its (still open) opportunity to the pipeline's won stage. */
  quoteAcceptWinsOpportunity: boolean;
  /** Contract numbers: a sequence format like quotes' (default `HT{yyyyMM}-{seq:4}`). */
  contractNumberFormat: string;
  /** Days before a contract's end date its owner gets a renewal task (the daily contracts job). */
  contractRenewalDays: number;
  /** Ticket numbers: a sequence format (default `T{yyyyMMdd}-{seq:4}`). */
  ticketNumberFormat: string;
  /** A customer's reply within this many days of a ticket's resolution reopens it; later it opens a new linked ticket. */
  ticketReopenDays: number;
  /** Largest inbound email (bytes) the IMAP polling job downloads; a bigger one is skipped and named in the mailbox's last error. */
  emailInboundMaxBytes: number;
  /** The SLA job warns the assignee and team lead this many minutes before a target breaches. */
  ticketSlaWarnMinutes: number;
  /** Folder of the local storage driver (FILES_DIR, default `.data/files` under the workspace, git-ignored). */
  filesDir: string;
  /** Where new files go: `local` (filesDir) or `s3` (S3-compatible object storage, STORAGE_S3_*). */
  storage: { driver: 'local' | 's3'; s3?: S3StorageConfig };
  /** Folder of backup archives (BACKUP_DIR, default `.data/backups`). */
  backupDir: string;
  /** Nightly backups kept (BACKUP_KEEP, default 7; older ones are deleted); 0 turns the nightly backup off. */
  backupKeep: number;
  /** Largest accepted attachment, bytes (413 FILE_TOO_LARGE beyond). */
  filesMaxBytes: number;
  /** Key (CREDENTIALS_KEY) sealing provider credentials at rest (AES-256-GCM); see core/util/secret-box. */
  credentialsKey: string | undefined;
  /** Webhook targets on loopback (127.0.0.0/8, ::1) are allowed: development and tests only (WEBHOOK_ALLOW_LOOPBACK). */
  webhookAllowLoopback: boolean;
  /**
   * The address people reach this server at (PUBLIC_URL, e.g. https://crm.example.com), for links that leave it:
   * email unsubscribe and tracking links. Unset: http://localhost:<PORT>.
   */
  publicUrl: string;
  /** Company header of documents (quote PDFs) until a settings module holds it. */
  company: { name: string; address: string; phone: string; taxId: string; bankName: string; bankAccount: string };
}

/** S3-compatible object storage (AWS S3, MinIO, …). */
export interface S3StorageConfig {
  /** e.g. http://127.0.0.1:9000 for MinIO; unset: AWS's endpoint for the region. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Path-style addresses (`endpoint/bucket/key`), which MinIO and most self-hosted servers need. */
  forcePathStyle: boolean;
  /** Prepended to every object key (e.g. `keyuan/`). */
  prefix: string;
}

function storage(env: NodeJS.ProcessEnv): AppConfig['storage'] {
  const driver = (env.STORAGE_DRIVER || (env.STORAGE_S3_BUCKET ? 's3' : 'local')).toLowerCase();
  if (driver !== 'local' && driver !== 's3') throw new ConfigError(`STORAGE_DRIVER must be local or s3, got "${driver}"`);
  if (driver === 'local') return { driver };
  const bucket = env.STORAGE_S3_BUCKET;
  if (!bucket) throw new ConfigError('STORAGE_DRIVER=s3 needs STORAGE_S3_BUCKET');
  const endpoint = env.STORAGE_S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new ConfigError(`STORAGE_S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  return {
    driver,
    s3: {
      endpoint,
      bucket,
      region: env.STORAGE_S3_REGION || 'us-east-1',
      accessKeyId: env.STORAGE_S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.STORAGE_S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: bool(env, 'STORAGE_S3_FORCE_PATH_STYLE', Boolean(endpoint)),
      prefix: env.STORAGE_S3_PREFIX || '',
    },
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = findRepoRoot();
  const nodeEnv = env.NODE_ENV || 'development';
  const cors = env.CORS_ORIGINS;
  const adminEmail = (env.ADMIN_EMAIL || 'admin@keyuan.local').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail)) throw new ConfigError(`ADMIN_EMAIL is not an email: "${adminEmail}"`);
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length > 0 && env.JWT_SECRET.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgDir: resolve(root, env.EMBEDDED_PG_DIR || '.data/postgres'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 0, 0, 65535),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    databaseReadUrls: readUrls(env.DATABASE_READ_URL),
    databaseReadConnectTimeoutMs: int(env, 'DATABASE_READ_CONNECT_TIMEOUT_MS', 2000, 100, 60000),
    databaseReadMaxLagMs: int(env, 'DATABASE_READ_MAX_LAG_MS', 2000, 0, 3600000),
    databaseReadCheckIntervalMs: int(env, 'DATABASE_READ_CHECK_INTERVAL_MS', 1000, 50, 60000),
    readYourWritesMs: int(env, 'READ_YOUR_WRITES_MS', 5000, 0, 600000),
    analyticsCacheSeconds: int(env, 'ANALYTICS_CACHE_SECONDS', 60, 0, 3600),
    jwtSecret: env.JWT_SECRET || undefined,
    accessTokenTtlSec: int(env, 'ACCESS_TOKEN_TTL', 900, 30),
    refreshTokenTtlSec: int(env, 'REFRESH_TOKEN_TTL', 30 * 24 * 3600, 60),
    adminEmail,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    seedDemo: bool(env, 'SEED_DEMO', true),
    corsOrigins: cors ? (cors === '*' ? true : cors.split(',').map((s) => s.trim())) : [],
    bodyLimit: env.BODY_LIMIT || '1mb',
    authRateLimit: rate(env, 'AUTH_RATE_LIMIT', '20/60'),
    publicRateLimit: rate(env, 'PUBLIC_RATE_LIMIT', '30/60'),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1),
    webDist: resolve(root, env.WEB_DIST || 'apps/web/dist'),
    logJson: env.LOG_FORMAT ? env.LOG_FORMAT === 'json' : nodeEnv === 'production',
    logRequests: bool(env, 'LOG_REQUESTS', true),
    importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 200 * 1024 * 1024, 1024),
    runMigrations: bool(env, 'RUN_MIGRATIONS', true),
    jobsEnabled: bool(env, 'JOBS_ENABLED', true),
    timezone: timeZone(env.TZ_BUSINESS || 'Asia/Shanghai'),
    defaultLocale: locale(env, 'DEFAULT_LOCALE', FALLBACK_LOCALE),
    sqlLogFile: env.SQL_LOG_FILE ? resolve(root, env.SQL_LOG_FILE) : undefined,
    quoteNumberFormat: sequenceFormat(env.QUOTE_NUMBER_FORMAT || 'Q{yyyyMM}-{seq:4}', 'QUOTE_NUMBER_FORMAT'),
    quoteAcceptWinsOpportunity: bool(env, 'QUOTE_ACCEPT_WINS_OPPORTUNITY', true),
    contractNumberFormat: sequenceFormat(env.CONTRACT_NUMBER_FORMAT || 'HT{yyyyMM}-{seq:4}', 'CONTRACT_NUMBER_FORMAT'),
    contractRenewalDays: int(env, 'CONTRACT_RENEWAL_DAYS', 30, 0, 3650),
    ticketNumberFormat: sequenceFormat(env.TICKET_NUMBER_FORMAT || 'T{yyyyMMdd}-{seq:4}', 'TICKET_NUMBER_FORMAT'),
    ticketReopenDays: int(env, 'TICKET_REOPEN_DAYS', 7, 0, 365),
    ticketSlaWarnMinutes: int(env, 'TICKET_SLA_WARN_MINUTES', 30, 1, 10080),
    emailInboundMaxBytes: int(env, 'EMAIL_INBOUND_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    filesDir: resolve(root, env.FILES_DIR || '.data/files'),
    storage: storage(env),
    backupDir: resolve(root, env.BACKUP_DIR || '.data/backups'),
    backupKeep: int(env, 'BACKUP_KEEP', 7, 0, 1000),
    filesMaxBytes: int(env, 'FILES_MAX_BYTES', 20 * 1024 * 1024, 1024),
    credentialsKey: credentialsKeyValue(env.CREDENTIALS_KEY),
    webhookAllowLoopback: bool(env, 'WEBHOOK_ALLOW_LOOPBACK', false),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${int(env, 'PORT', 3000, 0, 65535)}`).replace(/\/+$/, ''),
    company: {
      name: env.COMPANY_NAME || '客源科技有限公司 Keyuan Technology Co., Ltd.',
      address: env.COMPANY_ADDRESS || '上海市浦东新区张江路 100 号',
      phone: env.COMPANY_PHONE || '021-6000 0000',
      taxId: env.COMPANY_TAX_ID || '',
      bankName: env.COMPANY_BANK_NAME || '',
      bankAccount: env.COMPANY_BANK_ACCOUNT || '',
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

function readUrls(raw: string | undefined): string[] {
  const urls = (raw ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const u of urls) {
    if (!/^postgres(ql)?:\/\//.test(u)) throw new ConfigError(`DATABASE_READ_URL must be postgres:// URLs separated by commas, got "${u}"`);
  }
  return urls;
}

function credentialsKeyValue(v: string | undefined): string | undefined {
  if (!v) return undefined;
  if (v.length < 32) throw new ConfigError('CREDENTIALS_KEY must be at least 32 characters (64 hex digits or 44 base64 characters are used as the key itself)');
  return v;
}

/** A sequence format must hold exactly one `{seq:N}` (N 1..12) and only known date parts. */
function sequenceFormat(v: string, name: string): string {
  const parts = v.match(/\{[^}]*\}/g) ?? [];
  const seqs = parts.filter((p) => /^\{seq:(\d|1[0-2])\}$/.test(p));
  if (seqs.length !== 1 || parts.some((p) => !/^\{(seq:\d+|yyyy|yyyyMM|yyyyMMdd|yy|MM|dd)\}$/.test(p)) || v.length > 40) {
    throw new ConfigError(`${name} must contain one {seq:N} and only {yyyy}, {yyyyMM}, {yyyyMMdd}, {yy}, {MM}, {dd}: "${v}"`);
  }
  return v;
}

export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}
