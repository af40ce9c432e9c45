/**
 * Value lists shared by the API (entities, DTO validation, OpenAPI enums) and the web client (option
 * lists; labels come from the locale files, e.g. `customers.source.<value>`). Add a value here, then its
 * label in both locales.
 */
import { isObjectModule, type ObjectPermissionModule } from './permissions';

/** Where a lead or an account came from (one list, so a converted lead keeps its source). */
export const CUSTOMER_SOURCES = ['web', 'campaign', 'referral', 'trade_show', 'phone', 'import', 'other'] as const;
export type CustomerSource = (typeof CUSTOMER_SOURCES)[number];

export const LEAD_SOURCES = CUSTOMER_SOURCES;
export type LeadSource = CustomerSource;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const ACCOUNT_SOURCES = CUSTOMER_SOURCES;
export type AccountSource = CustomerSource;
export const ACCOUNT_TYPES = ['company', 'individual'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
/** Value grade: A the most valuable. */
export const ACCOUNT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type AccountLevel = (typeof ACCOUNT_LEVELS)[number];
export const LIFECYCLE_STAGES = ['prospect', 'active', 'at_risk', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
/** Head-count bands. */
export const ACCOUNT_SIZES = ['1-9', '10-49', '50-199', '200-999', '1000+'] as const;
export type AccountSize = (typeof ACCOUNT_SIZES)[number];

export const GENDERS = ['male', 'female', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
/** How a contact prefers to be reached. */
export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'wechat', 'visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const ACTIVITY_TYPES = ['call', 'visit', 'meeting', 'note', 'email'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_OUTCOMES = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/** Status of a planned visit or meeting. */
export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Built-in record kinds an import can fill; custom modules' records import as `obj.<key>` (isImportEntity). */
export const IMPORT_ENTITIES = ['lead', 'account', 'contact', 'product'] as const;
export type BuiltInImportEntity = (typeof IMPORT_ENTITIES)[number];
export type ImportEntity = BuiltInImportEntity | ObjectPermissionModule;
/** A built-in import kind or a custom module's `obj.<key>` (whether that module exists is checked by the API). */
export function isImportEntity(x: unknown): x is ImportEntity {
  return (IMPORT_ENTITIES as readonly unknown[]).includes(x) || isObjectModule(x);
}
/** The same as a pattern (DTO validation, OpenAPI). */
export const IMPORT_ENTITY_PATTERN = /^(lead|account|contact|product|obj\.[a-z][a-z0-9_]{1,25})$/;
export const DUPLICATE_POLICIES = ['skip', 'update', 'create'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];
/** `name` identifies a custom module's record (its name field, exact). */
export const UPSERT_KEYS = ['phone', 'email', 'externalId', 'sku', 'name'] as const;
export type UpsertKey = (typeof UPSERT_KEYS)[number];
/** The fields an upsert key can match (a contact's phone may be its mobile or work phone). */
export function upsertKeyFields(key: UpsertKey): string[] {
  return key === 'phone' ? ['phone', 'mobile', 'workPhone'] : [key];
}
export const IMPORT_STATUSES = ['uploaded', 'validating', 'validated', 'queued', 'running', 'completed', 'failed', 'reverting', 'reverted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Languages of the UI, of user preferences and of exports. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** Whether a pipeline stage is still open, or closes the opportunity as won or lost. */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
/** The forecast category a stage implies (Salesforce's names). */
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];
export const OPPORTUNITY_SOURCES = CUSTOMER_SOURCES;
/** The base currency of amounts until the finance module brings dated rates. */
export const BASE_CURRENCY = 'CNY';
