import { runBroadcast } from './broadcast-runner';
import { canMoveTo } from './message-status';
import { capReason } from './frequency-cap';
import { endsWithOptOutLine, optOutIntent } from './opt-out';
import { renderTemplate, templateVariables } from './render';
import { countSegments } from './segments';
import { nextSendTime } from './send-window';
import { Throttle } from './throttle';
import { SecretBox, credentialsKey } from '../util/secret-box';

describe('countSegments', () => {
  it.each([
    ['', 'GSM-7', 0, 0],
    ['Hello', 'GSM-7', 5, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['€'.repeat(80), 'GSM-7', 160, 1], // extension characters take two septets
    ['€'.repeat(81), 'GSM-7', 162, 2],
    ['a' + '€'.repeat(76), 'GSM-7', 153, 1], // 1 + 76 × 2 septets still fit one part of 160
    ['您好', 'UCS-2', 2, 1],
    ['客'.repeat(70), 'UCS-2', 70, 1],
    ['客'.repeat(71), 'UCS-2', 71, 2],
    ['客'.repeat(134), 'UCS-2', 134, 2],
    ['客'.repeat(135), 'UCS-2', 135, 3],
    ['Hello 世界', 'UCS-2', 8, 1], // one Chinese character makes the whole text UCS-2
    ['😀'.repeat(35), 'UCS-2', 70, 1], // outside the BMP: two units each
  ])('%j → %s, %i units, %i parts', (text, encoding, units, parts) => {
    const c = countSegments(text);
    expect([c.encoding, c.units, c.parts]).toEqual([encoding, units, parts]);
  });

  it('keeps an escape pair in one part when a long text is split', () => {
    // 152 plain septets then € (2 septets): 154 > 153 → the € goes to part 2 whole
    expect(countSegments('a'.repeat(152) + '€' + 'b'.repeat(10)).parts).toBe(2);
    expect(countSegments('a'.repeat(152) + '€' + 'b'.repeat(10)).remaining).toBe(153 - 12);
  });

  it('counts 拒收请回复R in a Chinese marketing text as UCS-2 characters', () => {
    const c = countSegments('【客源】双十一会员日全场八折，详情见门店。拒收请回复R');
    expect(c).toMatchObject({ encoding: 'UCS-2', characters: 27, parts: 1, remaining: 43 });
  });
});

describe('renderTemplate', () => {
  it.each([
    ['{{name}}您好', { name: '张三' }, '张三您好', []],
    ['Hi {{ contact.name }}, code {{code}}', { 'contact.name': 'Li', code: 1234 }, 'Hi Li, code 1234', []],
    ['{{a}}{{b}}{{a}}', { a: 'x' }, 'xx', ['b']],
    ['no variables', {}, 'no variables', []],
    ['{{ bad-name }}', {}, '{{ bad-name }}', []],
  ])('%j', (body, values, text, missing) => {
    expect(renderTemplate(body, values)).toEqual({ text, missing });
  });
  it('lists variables once', () => expect(templateVariables('{{a}} {{ b.c }} {{a}}')).toEqual(['a', 'b.c']));
});

describe('optOutIntent', () => {
  it.each([
    ['STOP', 'optOut'],
    [' stop ', 'optOut'],
    ['Unsubscribe', 'optOut'],
    ['td', 'optOut'],
    ['T', 'optOut'],
    ['r', 'optOut'],
    ['N', 'optOut'],
    ['退订', 'optOut'],
    [' 退订\n', 'optOut'],
    ['ＴＤ', 'optOut'], // full-width letters from a Chinese keyboard
    ['START', 'optIn'],
    ['start', 'optIn'],
    ['stop it', null],
    ['好的', null],
  ])('%j → %s', (text, intent) => expect(optOutIntent(text)).toBe(intent));

  it.each([
    ['会员日八折。拒收请回复R', true],
    ['会员日八折。拒收请回复R。', true],
    ['会员日八折。拒收请回复R  ', true],
    ['拒收请回复R 会员日八折', false],
  ])('opt-out line %j → %s', (body, ok) => expect(endsWithOptOutLine(body)).toBe(ok));
});

describe('nextSendTime (08:00–21:00 Asia/Shanghai)', () => {
  const w = { start: '08:00', end: '21:00', timezone: 'Asia/Shanghai' };
  it.each([
    ['2026-11-30T02:00:00Z', '2026-11-30T02:00:00.000Z'], // 10:00 local: now
    ['2026-11-30T00:00:00Z', '2026-11-30T00:00:00.000Z'], // 08:00 local: start is inside
    ['2026-11-29T23:59:00Z', '2026-11-30T00:00:00.000Z'], // 07:59 local: at 08:00
    ['2026-11-30T13:00:00Z', '2026-12-01T00:00:00.000Z'], // 21:00 local: tomorrow 08:00
    ['2026-11-30T15:30:00Z', '2026-12-01T00:00:00.000Z'], // 23:30 local
  ])('%s → %s', (at, next) => expect(nextSendTime(new Date(at), w).toISOString()).toBe(next));
  it('handles a window across midnight', () => {
    const night = { start: '22:00', end: '06:00', timezone: 'UTC' };
    expect(nextSendTime(new Date('2026-11-30T23:00:00Z'), night).toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(nextSendTime(new Date('2026-11-30T12:00:00Z'), night).toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });
});

describe('message status', () => {
  it.each([
    ['queued', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'sent', false],
    ['delivered', 'undelivered', false],
    ['unknown', 'delivered', true],
    ['unknown', 'sent', true],
    ['sent', 'unknown', false],
    ['skipped', 'queued', false],
    ['scheduled', 'queued', true],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canMoveTo(from, to)).toBe(ok));
});

describe('capReason', () => {
  const caps = { perTemplatePerDay: 2, marketingPerDay: 3 };
  it.each([
    [{ sameTemplate: 1, marketing: 0 }, { marketing: false, templated: true }, null],
    [{ sameTemplate: 2, marketing: 0 }, { marketing: false, templated: true }, 'CAP_TEMPLATE_DAILY'],
    [{ sameTemplate: 0, marketing: 3 }, { marketing: true, templated: true }, 'CAP_MARKETING_DAILY'],
    [{ sameTemplate: 0, marketing: 3 }, { marketing: false, templated: false }, null],
  ])('%j %j → %s', (sent, opts, reason) => expect(capReason(sent, caps, opts)).toBe(reason));
});

describe('Throttle', () => {
  it('spaces calls at the rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const t = new Throttle(4, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    for (let i = 0; i < 5; i++) await t.take();
    expect(waits).toEqual([250, 250, 250, 250]);
    expect(now).toBe(1000);
  });
});

describe('SecretBox', () => {
  it('seals and opens; another key or a changed byte does not open', () => {
    const box = new SecretBox(credentialsKey('k'.repeat(40), undefined).key);
    const sealed = box.seal('{"authToken":"秘密"}');
    expect(sealed).not.toContain('秘密');
    expect(box.open(sealed)).toBe('{"authToken":"秘密"}');
    expect(() => new SecretBox(credentialsKey('x'.repeat(40), undefined).key).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered!').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });
  it('reads hex keys as the key and derives from JWT_SECRET when unset', () => {
    expect(credentialsKey('ab'.repeat(32), undefined).key.toString('hex')).toBe('ab'.repeat(32));
    expect(credentialsKey(undefined, 'j'.repeat(40)).source).toBe('jwt');
    expect(credentialsKey(undefined, undefined).source).toBe('development');
  });
});

describe('runBroadcast', () => {
  it('lists page by page, sends what is queued, holds and stops when told', async () => {
    const audience = Array.from({ length: 7 }, (_, i) => i);
    let queued: number[] = [];
    const sent: number[] = [];
    const pages: (string | null)[] = [];
    let checks = 0;
    let verdict: 'go' | 'stop' | Date = 'go';
    const steps = {
      listPage: async (cursor: string | null) => {
        pages.push(cursor);
        const from = Number(cursor ?? 0);
        queued.push(...audience.slice(from, from + 3));
        return { next: from + 3 < audience.length ? String(from + 3) : null };
      },
      nextChunk: async () => queued.slice(0, 2),
      sendChunk: async (c: number[]) => {
        sent.push(...c);
        queued = queued.slice(c.length);
      },
      check: async () => (++checks === 4 ? new Date(0) : verdict),
    };
    const held = await runBroadcast(steps, { cursor: null, listingDone: false });
    expect(held).toEqual({ outcome: 'held', until: new Date(0) });
    expect(await runBroadcast(steps, { cursor: '3', listingDone: false })).toEqual({ outcome: 'completed' });
    expect(sent).toEqual(audience);
    expect(pages).toEqual([null, '3', '6']);
    verdict = 'stop';
    expect(await runBroadcast(steps, { cursor: null, listingDone: true })).toEqual({ outcome: 'stopped' });
  });
});

describe('LinkSigner', () => {
  const { LinkSigner } = jest.requireActual<typeof import('./tracking')>('./tracking');
  const s = new LinkSigner(Buffer.alloc(32, 7));
  it('verifies its own tokens and refuses changed ones', () => {
    const t = s.sign(['c', 'id-1', 'https://example.com/a?b=1']);
    expect(s.verify(t)).toEqual(['c', 'id-1', 'https://example.com/a?b=1']);
    const forged = Buffer.from(JSON.stringify(['c', 'id-1', 'https://evil.example'])).toString('base64url');
    expect(s.verify(`${forged}.${t.split('.')[1]}`)).toBeNull();
    expect(s.verify(t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(s.verify('nonsense')).toBeNull();
    expect(new LinkSigner(Buffer.alloc(32, 8)).verify(t)).toBeNull();
  });
});
