import { acs3Signature, signAcs3Request, parseAcs3Authorization, sha256Hex } from './acs3-signer';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature';

describe('ACS3-HMAC-SHA256 (Alibaba Cloud V3 signature)', () => {
  // The published example of "V3版本请求体&签名机制" (help.aliyun.com, ROA-style page of the same scheme):
  // POST / with ImageId and RegionId, empty body, AccessKey YourAccessKeyId / YourAccessKeySecret.
  const example = {
    method: 'POST',
    path: '/',
    query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date': '2023-10-26T09:01:01Z',
      'x-acs-signature-nonce': 'd410180a5abf7fe235dd9b74aca91fc0',
      'x-acs-version': '2014-05-26',
    },
    body: '',
  };

  it('reproduces the published signature', () => {
    expect(sha256Hex('')).toBe(example.headers['x-acs-content-sha256']);
    expect(acs3Signature(example, 'YourAccessKeySecret')).toEqual({
      signature: 'e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804',
      signedHeaders: 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    });
  });

  it('builds the Authorization header the published example shows', () => {
    const h = signAcs3Request({
      host: example.headers.host,
      action: 'RunInstances',
      version: '2014-05-26',
      query: example.query,
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
      now: new Date('2023-10-26T09:01:01.000Z'),
      nonce: 'd410180a5abf7fe235dd9b74aca91fc0',
    });
    expect(h.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804',
    );
    expect(parseAcs3Authorization(h.authorization)?.credential).toBe('YourAccessKeyId');
  });

  it('encodes Chinese, spaces and JSON in the query as RFC 3986 (space %20, * %2A)', () => {
    const a = acs3Signature(
      { ...example, query: { SignName: '客源 科技', TemplateParam: '{"code":"1*2"}' } },
      'k',
    );
    const b = acs3Signature(
      { ...example, query: { TemplateParam: '{"code":"1*2"}', SignName: '客源 科技' } },
      'k',
    );
    expect(a).toEqual(b);
    expect(acs3Signature({ ...example, query: { SignName: '客源 科技!' } }, 'k').signature).not.toBe(
      a.signature,
    );
  });
});

describe('X-Twilio-Signature', () => {
  // Twilio's published example (docs "Webhooks security", api-snippets signature_validation): auth token 12345.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675310',
    Digits: '1234',
    From: '+14158675310',
    To: '+18005551212',
  };

  it('reproduces the published signature', () => {
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(verifyTwilioSignature('12345', 'GvWf1cFY/Q7PnoempGyD5oXAezc=', url, params)).toBe(true);
  });

  it('rejects another token, URL, parameter value or a missing header', () => {
    expect(verifyTwilioSignature('54321', 'GvWf1cFY/Q7PnoempGyD5oXAezc=', url, params)).toBe(false);
    expect(
      verifyTwilioSignature('12345', 'GvWf1cFY/Q7PnoempGyD5oXAezc=', url.replace('foo=1', 'foo=2'), params),
    ).toBe(false);
    expect(
      verifyTwilioSignature('12345', 'GvWf1cFY/Q7PnoempGyD5oXAezc=', url, { ...params, Digits: '1235' }),
    ).toBe(false);
    expect(verifyTwilioSignature('12345', undefined, url, params)).toBe(false);
  });
});
