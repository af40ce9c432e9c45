import { loginWithApi } from './customers.specs.mjs';
import { assert, shot } from './helpers.mjs';

/** The SMS inbox: a reply that came in through the provider's webhook shows as an unread conversation; the user reads it and answers. */
export const smsSpecs = [
  {
    name: 'sms: an inbound reply appears in the inbox as an unread conversation; the user opens it and replies',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.admin);
      const stamp = Date.now();
      const mobile = `137${String(stamp % 1e8).padStart(8, '0')}`;
      const account = await api('POST', '/accounts', { name: `E2E 短信客户 ${stamp}` });
      const contact = await api('POST', '/contacts?allowDuplicate=true', { name: `E2E 短信 ${stamp}`, accountId: account.id, mobile });
      // the provider pushes the reply: switch to Aliyun for its token-checked webhook, then back to the log provider
      const before = await api('GET', '/sms/settings');
      const aliyun = await api('PUT', '/sms/settings', {
        provider: 'aliyun',
        publicBaseUrl: before.publicBaseUrl ?? 'https://crm.example.com',
        credentials: { accessKeyId: 'LTAI-e2e', accessKeySecret: 'e2e-secret', signName: '客源科技', endpoint: 'http://127.0.0.1:9' },
      });
      const token = aliyun.webhooks.inbound.split('token=')[1];
      const push = await fetch(`${config.baseUrl}/api/v1/sms/webhooks/aliyun/inbound?token=${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([{ dest_code: '1234', send_time: '2026-11-30 10:00:00', sign_name: '客源科技', sequence_id: stamp, phone_number: mobile, content: '周三下午方便，请回电' }]),
      });
      assert(push.status === 200 && (await push.json()).msg === '接收成功', 'the webhook answers 接收成功');
      await api('PUT', '/sms/settings', { provider: before.provider, publicBaseUrl: before.publicBaseUrl });

      await page.locator('[data-testid="menu-sms-inbox"]').click();
      await page.waitForURL(/\/sms\/inbox$/);
      const conversation = page.locator(`[data-testid="sms-conversation-${contact.name}"]`);
      await conversation.waitFor();
      await page.locator(`[data-testid="sms-unread-${contact.name}"]`).waitFor();
      await shot(page, config, '95-sms-inbox');
      await conversation.click();
      await page.locator('[data-testid="sms-thread"] [data-testid="sms-message-inbound"]', { hasText: '周三下午方便' }).waitFor();
      assert((await page.locator('[data-testid="sms-thread-title"]').innerText()).includes(contact.name), 'the thread names the contact');
      // opening it marks it read
      await page.locator(`[data-testid="sms-unread-${contact.name}"]`).waitFor({ state: 'detached' });

      await page.locator('textarea[data-testid="sms-reply-input"], [data-testid="sms-reply-input"] textarea').fill('好的，周三下午给您回电');
      await page.locator('[data-testid="sms-counter-summary"]').filter({ hasText: /UCS-2/ }).waitFor();
      await page.locator('[data-testid="sms-reply-send"]').click();
      await page.locator('[data-testid="sms-thread"] [data-testid="sms-message-outbound"]', { hasText: '周三下午给您回电' }).waitFor();
      await page.locator('[data-testid="sms-thread"] [data-testid="sms-message-outbound"]', { hasText: /Delivered|已送达/ }).waitFor();
      await shot(page, config, '96-sms-thread');
      const sent = await api('GET', `/sms/messages?contactId=${contact.id}&direction=outbound`);
      assert(sent.data[0]?.body === '好的，周三下午给您回电' && sent.data[0].status === 'delivered', 'the reply went out through the provider');
    },
  },
  {
    name: 'sms: the contact page sends an SMS from a template (preview, part counter) and the timeline shows it',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.admin);
      const stamp = Date.now();
      const account = await api('POST', '/accounts', { name: `E2E 短信发送 ${stamp}` });
      const contact = await api('POST', '/contacts?allowDuplicate=true', { name: `E2E 收信人 ${stamp}`, accountId: account.id, mobile: `136${String(stamp % 1e8).padStart(8, '0')}` });
      const tpl = await api('POST', '/sms/templates', { name: `E2E 发货 ${stamp}`, kind: 'notification', body: '{{name}}您好，您的订单{{order}}已发货' });

      await page.goto(`/contacts/${contact.id}`);
      await page.locator('[data-testid="record-message-button"]').click();
      await page.locator('[data-testid="record-message-sms"]').click();
      const dialog = page.locator('[data-testid="sms-compose"]');
      await dialog.waitFor();
      await dialog.locator('[data-testid="sms-compose-template"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: tpl.name }).click();
      // the contact fills {{name}}; the sender gives {{order}}: the server's preview and the counter follow
      await dialog.locator('input[placeholder="order"]').fill('KY-2026-001');
      await dialog.locator('[data-testid="sms-compose-preview"]', { hasText: `${contact.name}您好，您的订单KY-2026-001已发货` }).waitFor();
      await dialog.locator('[data-testid="sms-counter-summary"]').filter({ hasText: /UCS-2/ }).waitFor();
      await shot(page, config, '94-sms-compose-contact');
      await page.locator('[data-testid="sms-compose-send"]:visible').click();
      await dialog.waitFor({ state: 'hidden' });
      // the sent message is on the contact's timeline
      await page.locator('[data-testid="activity-timeline"]', { hasText: '订单KY-2026-001已发货' }).waitFor();
      const sent = await api('GET', `/sms/messages?contactId=${contact.id}`);
      assert(sent.data.length === 1 && sent.data[0].templateId === tpl.id && sent.data[0].body === `${contact.name}您好，您的订单KY-2026-001已发货`, 'the SMS went to the contact from the template');
    },
  },
];
