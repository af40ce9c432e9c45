import type { BroadcastChannel, TemplateChannel } from '@/features/messaging';
import { emailApi, type EmailBroadcast, type EmailEstimate, type EmailMessage, type EmailTemplate } from './api';

const kindLabel: BroadcastChannel['kindLabel'] = (kind, t) => t(`email.templates.kinds.${kind}`);

/** Bulk email: one list (the API does not page it), every template, an estimate of recipients, and the per-recipient drawer. */
export const emailBroadcasts: BroadcastChannel<EmailBroadcast, EmailTemplate, EmailEstimate, EmailMessage> = {
  key: 'email',
  kindLabel,
  broadcasts: async () => ({ data: (await emailApi.broadcasts()).data, nextCursor: null }),
  cancel: (id) => emailApi.cancelBroadcast(id),
  running: (b) => b.status === 'running' || b.status === 'scheduled',
  templates: async () => (await emailApi.templates()).data,
  estimate: (_, audience) => emailApi.estimate({ audience }),
  estimateTitle: (e, t) => (e.recipientsIsEstimate ? t('email.broadcasts.wizard.estimateAbout', { recipients: e.recipients }) : t('email.broadcasts.wizard.estimate', { recipients: e.recipients })),
  start: (body) => emailApi.createBroadcast(body),
  recipients: {
    list: (broadcastId, q) => emailApi.messages({ broadcastId, ...q }),
    name: (m) => m.recordName ?? null,
    address: (m) => m.to.join(', '),
    status: (m) => m.status,
    detail: (m, t) =>
      m.errorCode || m.errorMessage
        ? (m.errorMessage ?? m.errorCode ?? '')
        : m.openedAt
          ? t('email.broadcasts.openedAt', { at: new Date(m.openedAt).toLocaleString() })
          : m.sentAt
            ? new Date(m.sentAt).toLocaleString()
            : '',
  },
  loadMoreKey: 'email.broadcasts.loadMore',
  layout: { wizard: '680px', status: 120, progress: 240, actions: 170 },
};

export interface EmailTemplateForm {
  name: string;
  subject: string;
  bodyHtml: string;
  kind: 'notification' | 'marketing';
}

/** Email templates: subject and HTML body with {{variables}}. */
export const emailTemplates: TemplateChannel<EmailTemplate, EmailTemplateForm> = {
  key: 'email',
  kindLabel,
  list: async () => (await emailApi.templates()).data,
  create: (form) => emailApi.createTemplate(form),
  update: (id, form) => emailApi.updateTemplate(id, form),
  remove: (id) => emailApi.removeTemplate(id),
  form: (x) =>
    x ? { name: x.name, subject: x.subject, bodyHtml: x.bodyHtml, kind: x.kind === 'marketing' ? 'marketing' : 'notification' } : { name: '', subject: '', bodyHtml: '<p>{{name}}您好：</p>\n<p></p>', kind: 'notification' },
  deleteConfirm: (x, t) => t('email.templates.deleteConfirm', { name: x.name }),
  layout: { dialog: '720px', name: 150, kind: 120 },
};
