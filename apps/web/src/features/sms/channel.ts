import type { BroadcastChannel, TemplateChannel } from '@/features/messaging';
import { smsApi, type SmsBroadcast, type SmsEstimate, type SmsTemplate } from './api';

const kindLabel: BroadcastChannel['kindLabel'] = (kind, t) => t(`sms.kind.${kind}`);

/** SMS broadcasts: keyset pages with "load more", active templates only, an estimate of recipients × parts, waits for allowed hours. */
export const smsBroadcasts: BroadcastChannel<SmsBroadcast, SmsTemplate, SmsEstimate> = {
  key: 'sms',
  kindLabel,
  broadcasts: (q) => smsApi.broadcasts(q),
  cancel: (id) => smsApi.cancelBroadcast(id),
  running: (b) => ['running', 'scheduled', 'waiting'].includes(b.status),
  templates: async () => (await smsApi.templates()).data.filter((x) => x.status === 'active'),
  estimate: (templateId, audience) => smsApi.estimate({ templateId, audience }),
  estimateTitle: (e, t) => t('sms.broadcasts.wizard.estimate', { recipients: e.recipients, parts: e.partsPerMessage, total: e.totalParts }),
  start: (body) => smsApi.createBroadcast(body),
  loadMoreKey: 'sms.loadMore',
  layout: { wizard: '640px', status: 160, progress: 220, actions: 90 },
};

export interface SmsTemplateForm {
  name: string;
  body: string;
  kind: SmsTemplate['kind'];
  providerTemplateCode: string;
  status: SmsTemplate['status'];
}

/** SMS templates: text with {{variables}}, the provider's template code (empty → none), active or disabled. */
export const smsTemplates: TemplateChannel<SmsTemplate, SmsTemplateForm> = {
  key: 'sms',
  kindLabel,
  list: async () => (await smsApi.templates()).data,
  create: (form) => smsApi.createTemplate({ ...form, providerTemplateCode: form.providerTemplateCode || null }),
  update: (id, form) => smsApi.updateTemplate(id, { ...form, providerTemplateCode: form.providerTemplateCode || null }),
  remove: (id) => smsApi.removeTemplate(id),
  form: (x) =>
    x
      ? { name: x.name, body: x.body, kind: x.kind, providerTemplateCode: x.providerTemplateCode ?? '', status: x.status }
      : { name: '', body: '', kind: 'notification', providerTemplateCode: '', status: 'active' },
  deleteConfirm: (_, t) => t('sms.templates.deleteConfirm'),
  layout: { dialog: '560px', name: 140, kind: 110 },
};
