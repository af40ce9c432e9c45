import { nextDelaySec, RETRY_DELAYS_SEC } from './retry-schedule';
import { parseRetryAfter } from './webhook-sender';
import { addressAllowed } from './ssrf';
import { signWebhook } from './signature';

describe('webhook retries', () => {
  it('follows the schedule with ±10 % jitter and gives up after ten attempts', () => {
    expect(nextDelaySec(1, null, () => 0.5)).toBe(5);
    expect(nextDelaySec(2, null, () => 0)).toBeCloseTo(270);
    expect(nextDelaySec(9, null, () => 1)).toBeCloseTo(86400 * 1.1);
    expect(nextDelaySec(RETRY_DELAYS_SEC.length + 1, null)).toBeNull();
  });
  it('honours a later Retry-After', () => {
    expect(nextDelaySec(1, 120, () => 0.5)).toBe(120);
    expect(nextDelaySec(3, 60, () => 0.5)).toBe(1800);
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('SSRF guard', () => {
  it.each([
    ['127.0.0.1', false], ['10.1.2.3', false], ['172.20.0.1', false], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['::1', false], ['fe80::1', false], ['fd00::1', false], ['::ffff:10.0.0.1', false],
    ['93.184.216.34', true], ['2606:2800:220:1::1', true],
  ])('%s allowed: %s', (ip, ok) => expect(addressAllowed(ip, false)).toBe(ok));
  it('lets loopback through only with the development setting', () => {
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('::1', true)).toBe(true);
    expect(addressAllowed('10.0.0.1', true)).toBe(false);
  });
});

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    // from the specification's test suite
    const sig = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});
