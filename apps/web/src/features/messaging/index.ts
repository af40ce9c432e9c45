/**
 * Messaging pages shared by the SMS and email features: one broadcasts page (progress, cancel, per-recipient status,
 * the wizard) and one template page, each driven by a small channel adapter (`channel.ts`) the feature provides.
 */
export { default as BroadcastsPage } from './pages/BroadcastsPage.vue';
export { default as TemplatesPage } from './pages/TemplatesPage.vue';
export type { Audience, BroadcastChannel, RecipientsAdapter, TemplateChannel, Translate } from './channel';
