import type { CursorPage } from '@/composables/useCursorList';

/**
 * A messaging channel (SMS, email) as the shared broadcast and template pages see it. A channel gives its API calls
 * and the few texts that differ; everything else is spelled the same way under its `key`: the i18n keys
 * `<key>.broadcasts.*`, `<key>.templates.*`, `<key>.status.*` (see `CHANNEL_KEYS`) and the `data-testid`s
 * `<key>-broadcast-*`, `<key>-template-*`.
 */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Who a broadcast goes to: picked contacts, a campaign's target segment or a saved view of contacts. */
export interface Audience {
  type: 'contacts' | 'campaign' | 'savedView';
  contactIds?: string[];
  campaignId?: string;
  savedViewId?: string;
}

export interface ChannelTemplate {
  id: string;
  name: string;
  kind: string;
  version: number;
}

export interface ChannelBroadcast {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  progress: { percent: number; listed: number; byStatus: Record<string, number> };
}

export interface NewBroadcast {
  name: string;
  templateId: string;
  audience: Audience;
  scheduledAt?: string;
}

interface ChannelBase {
  /** `sms` or `email`: the i18n prefix and the `data-testid` prefix. */
  key: 'sms' | 'email';
  /** A template kind (notification, marketing) in the reader's language. */
  kindLabel(kind: string, t: Translate): string;
}

/** A broadcast's recipients for the status drawer (the broadcast's messages). */
export interface RecipientsAdapter<R> {
  list(broadcastId: string, q: { limit: number; cursor?: string }): Promise<CursorPage<R>>;
  name(r: R): string | null;
  address(r: R): string;
  status(r: R): string;
  /** The error, the open time or the send time: what the row's last column says. */
  detail(r: R, t: Translate): string;
}

export interface BroadcastChannel<B extends ChannelBroadcast = ChannelBroadcast, T extends ChannelTemplate = ChannelTemplate, E = unknown, R extends object = object> extends ChannelBase {
  broadcasts(q: { limit: number; cursor?: string }): Promise<CursorPage<B>>;
  cancel(id: string): Promise<unknown>;
  /** Still to run or running: cancel is offered and the list refreshes every 3 s while one is. */
  running(b: B): boolean;
  /** The templates the wizard offers. */
  templates(): Promise<T[]>;
  estimate(templateId: string, audience: Audience): Promise<E>;
  /** The confirm step's summary of the estimate. */
  estimateTitle(e: E, t: Translate): string;
  start(body: NewBroadcast): Promise<unknown>;
  /** The per-recipient status drawer; a channel without it shows no "recipients" button. */
  recipients?: RecipientsAdapter<R>;
  /** The `i18n` key of the list's "load more" button. */
  loadMoreKey: string;
  /** Widths (px) where the channels' pages differ. */
  layout: { wizard: string; status: number; progress: number; actions: number };
}

export interface TemplateChannel<T extends ChannelTemplate = ChannelTemplate, F extends { name: string; kind: string } = { name: string; kind: string }> extends ChannelBase {
  list(): Promise<T[]>;
  create(body: F): Promise<unknown>;
  update(id: string, body: F & { version: number }): Promise<unknown>;
  remove(id: string): Promise<unknown>;
  /** The form of a new template, or of one being edited. */
  form(x: T | null): F;
  deleteConfirm(x: T, t: Translate): string;
  layout: { dialog: string; name: number; kind: number };
}

/** The i18n keys the shared pages read under a channel's prefix (a unit test checks both channels and both languages carry them). */
export const CHANNEL_KEYS = [
  'broadcasts.title',
  'broadcasts.new',
  'broadcasts.empty',
  'broadcasts.name',
  'broadcasts.template',
  'broadcasts.status',
  'broadcasts.progress',
  'broadcasts.recipients',
  'broadcasts.created',
  'broadcasts.cancel',
  'broadcasts.cancelConfirm',
  'broadcasts.statuses.completed',
  'broadcasts.wizard.audience',
  'broadcasts.wizard.message',
  'broadcasts.wizard.schedule',
  'broadcasts.wizard.confirm',
  'broadcasts.wizard.type',
  'broadcasts.wizard.contacts',
  'broadcasts.wizard.campaign',
  'broadcasts.wizard.savedView',
  'broadcasts.wizard.pickContacts',
  'broadcasts.wizard.pickCampaign',
  'broadcasts.wizard.pickView',
  'broadcasts.wizard.now',
  'broadcasts.wizard.later',
  'broadcasts.wizard.at',
  'broadcasts.wizard.estimateNote',
  'broadcasts.wizard.back',
  'broadcasts.wizard.next',
  'broadcasts.wizard.start',
  'broadcasts.wizard.started',
  'templates.title',
  'templates.new',
  'templates.edit',
  'templates.delete',
  'templates.empty',
  'templates.name',
  'templates.kind',
  'templates.saved',
] as const;

/** The keys of the per-recipient drawer, for channels that have one. */
export const RECIPIENT_KEYS = ['broadcasts.showRecipients', 'broadcasts.noRecipients', 'broadcasts.recipient', 'broadcasts.detail'] as const;

/** `<key>.<path>`: a shared page's message key for one channel. */
export const channelKey = (channel: { key: string }, path: (typeof CHANNEL_KEYS)[number] | (typeof RECIPIENT_KEYS)[number] | `status.${string}` | `broadcasts.statuses.${string}`) => `${channel.key}.${path}`;
