import { AliyunSmsProvider } from './aliyun.provider';
import { TwilioSmsProvider } from './twilio.provider';
import { FakeAliyun, FakeTwilio } from '../testing/fake-providers';
import { verifyTwilioSignature } from './twilio-signature';

const msg = (to: string, extra: Record<string, unknown> = {}) => ({
  messageId: '5b1f3c1e-1111-4a44-9a9a-000000000001',
  to,
  body: '验证码 1234',
  ...extra,
});

describe('Twilio adapter against the fake Messages API', () => {
  let fake: FakeTwilio;
  beforeAll(async () => (fake = await new FakeTwilio().start()));
  afterAll(() => fake.stop());
  const provider = (over: Record<string, unknown> = {}) =>
    new TwilioSmsProvider({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: fake.from,
      baseUrl: fake.url,
      ...over,
    });

  it('sends a form POST with Basic auth and gets the SM id; the fake signs its status callbacks', async () => {
    const r = await provider().send(
      msg('+8613800138000', {
        statusCallback: 'https://crm.example.com/api/v1/sms/webhooks/twilio/status?m=1',
      }),
    );
    expect(r).toMatchObject({ outcome: 'accepted', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    expect(new URLSearchParams(fake.requests.at(-1)!.body).get('Body')).toBe('验证码 1234');
    const [sent, delivered] = fake.takeCallbacks();
    expect(delivered.params).toMatchObject({
      MessageStatus: 'delivered',
      MessageSid: (r as { providerId: string }).providerId,
    });
    expect(verifyTwilioSignature(fake.authToken, delivered.signature, delivered.url, delivered.params)).toBe(
      true,
    );
    expect(verifyTwilioSignature('wrong', sent.signature, sent.url, sent.params)).toBe(false);
  });

  it('maps Twilio errors: a bad token 20003, an invalid To 21211 — rejected, not unknown', async () => {
    expect(await provider({ authToken: 'nope' }).send(msg('+8613800138000'))).toMatchObject({
      outcome: 'rejected',
      errorCode: '20003',
    });
    expect(await provider().send(msg('+86'))).toMatchObject({ outcome: 'rejected', errorCode: '21211' });
  });

  it('a timeout is unknown (never a rejection to retry)', async () => {
    fake.delayMs = 500;
    try {
      expect(await provider({ timeoutMs: 100 }).send(msg('+8613800138000'))).toMatchObject({
        outcome: 'unknown',
        errorCode: 'TIMEOUT',
      });
    } finally {
      fake.delayMs = 0;
    }
  });
});

describe('Aliyun adapter against the fake Dysmsapi', () => {
  let fake: FakeAliyun;
  beforeAll(async () => (fake = await new FakeAliyun().start()));
  afterAll(() => fake.stop());
  const provider = (over: Record<string, unknown> = {}) =>
    new AliyunSmsProvider({
      accessKeyId: fake.accessKeyId,
      accessKeySecret: fake.accessKeySecret,
      signName: fake.signName,
      endpoint: fake.url,
      ...over,
    });

  it('signs SendSms with ACS3-HMAC-SHA256; the fake verifies it and reports delivery with our OutId', async () => {
    const r = await provider().send(
      msg('+8613800138000', {
        templateCode: 'SMS_154950909',
        templateParams: { code: '1234', name: '张 三' },
      }),
    );
    expect(r).toMatchObject({ outcome: 'accepted', providerId: expect.stringMatching(/\^0$/) });
    const q = new URL(fake.requests.at(-1)!.path, 'http://x').searchParams;
    expect([q.get('PhoneNumbers'), q.get('SignName'), q.get('TemplateParam')]).toEqual([
      '13800138000',
      '客源科技',
      '{"code":"1234","name":"张 三"}',
    ]);
    expect(fake.takeReports()).toEqual([
      expect.objectContaining({ phone_number: '13800138000', success: true, out_id: msg('').messageId }),
    ]);
  });

  it('a wrong secret fails the signature check (SignatureDoesNotMatch), an unknown key InvalidAccessKeyId.NotFound', async () => {
    expect(
      await provider({ accessKeySecret: 'wrong' }).send(
        msg('+8613800138000', { templateCode: 'SMS_154950909' }),
      ),
    ).toMatchObject({ outcome: 'rejected', errorCode: 'SignatureDoesNotMatch' });
    expect(
      await provider({ accessKeyId: 'LTAIunknown' }).send(
        msg('+8613800138000', { templateCode: 'SMS_154950909' }),
      ),
    ).toMatchObject({ outcome: 'rejected', errorCode: 'InvalidAccessKeyId.NotFound' });
  });

  it('answers business errors as Dysmsapi does: template, signature, flow control', async () => {
    expect(await provider().send(msg('+8613800138001', { templateCode: 'SMS_000' }))).toMatchObject({
      outcome: 'rejected',
      errorCode: 'isv.SMS_TEMPLATE_ILLEGAL',
    });
    expect(
      await provider({ signName: '别人' }).send(msg('+8613800138001', { templateCode: 'SMS_154950909' })),
    ).toMatchObject({ outcome: 'rejected', errorCode: 'isv.SMS_SIGNATURE_ILLEGAL' });
    fake.limitPerMinute = 2;
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push(await provider().send(msg('+8613800138002', { templateCode: 'SMS_154950909' })));
    expect(results.map((r) => (r.outcome === 'accepted' ? 'OK' : r.errorCode))).toEqual([
      'OK',
      'OK',
      'isv.BUSINESS_LIMIT_CONTROL',
    ]);
    expect(await provider().send(msg('+8613800138003'))).toMatchObject({
      outcome: 'rejected',
      errorCode: 'TEMPLATE_CODE_REQUIRED',
    });
  });

  it('a timeout is unknown', async () => {
    fake.delayMs = 500;
    try {
      expect(
        await provider({ timeoutMs: 100 }).send(msg('+8613800138004', { templateCode: 'SMS_154950909' })),
      ).toMatchObject({ outcome: 'unknown', errorCode: 'TIMEOUT' });
    } finally {
      fake.delayMs = 0;
    }
  });
});
