/**
 * Products and quotes: value lists, the quote status machine and the Chinese capital amount (大写金额),
 * shared by the API (validation, rules, PDF) and the web client (buttons, labels, preview).
 */

export const QUOTE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** What a user can ask of a quote (`POST /quotes/{id}/<action>`); `expire` is the daily job's. */
export const QUOTE_ACTIONS = ['submit', 'send', 'accept', 'decline', 'revise'] as const;
export type QuoteAction = (typeof QUOTE_ACTIONS)[number];

/** Statuses whose fields and lines may still change (and which `submit` leaves). */
export const QUOTE_EDITABLE_STATUSES: readonly QuoteStatus[] = ['draft', 'rejected'];

const FROM: Record<QuoteAction, readonly QuoteStatus[]> = {
  submit: ['draft', 'rejected'],
  send: ['approved'],
  accept: ['sent'],
  decline: ['sent'],
  revise: ['sent', 'declined', 'expired'],
};

/**
 * The actions a quote in `status` allows now. A superseded version (a newer revision exists) allows none:
 * it stays as it was, read-only.
 */
export function allowedQuoteActions(status: QuoteStatus, superseded = false): QuoteAction[] {
  if (superseded) return [];
  return QUOTE_ACTIONS.filter((a) => FROM[a].includes(status));
}

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'] as const;
export type CurrencyCode = (typeof CURRENCIES)[number];

export const PRODUCT_UNITS = ['个', '台', '套', '件', '年', '月', '天', '次', '人', '小时', 'license', 'unit'] as const;

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '兆'];

/** A 4-digit group (0..9999) in capitals, with 零 for inner zeros ("1005" → 壹仟零伍). */
function group4(n: string): string {
  let out = '';
  let zero = false;
  const d = n.padStart(4, '0');
  for (let i = 0; i < 4; i++) {
    const v = Number(d[i]);
    if (v === 0) {
      zero = out !== '';
    } else {
      if (zero) out += '零';
      zero = false;
      out += DIGITS[v] + SMALL_UNITS[3 - i];
    }
  }
  return out;
}

/**
 * An amount in Chinese capital numerals as written on invoices and quotes (大写金额), rounded half-up to
 * the fen: 1234.56 → 壹仟贰佰叁拾肆元伍角陆分; 100 → 壹佰元整; 1005.01 → 壹仟零伍元零壹分; 0 → 零元整;
 * negative amounts get 负. Takes a decimal string (exact) or a number; at most 16 integer digits.
 */
export function toChineseCapitalAmount(amount: string | number): string {
  let s = typeof amount === 'number' ? amount.toFixed(4) : String(amount).trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`not an amount: ${String(amount)}`);
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const [intRaw, fracRaw = ''] = s.split('.');
  // cents, half-up on the third decimal, as a digit string (no float)
  let cents = (intRaw.replace(/^0+(?=\d)/, '') + (fracRaw + '00').slice(0, 2)).replace(/^0+(?=\d)/, '');
  if (Number(fracRaw[2] ?? '0') >= 5) {
    const digits = cents.split('').map(Number);
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i] < 9) {
        digits[i]++;
        break;
      }
      digits[i] = 0;
      i--;
    }
    cents = (i < 0 ? '1' : '') + digits.join('');
  }
  cents = cents.padStart(3, '0');
  const yuan = cents.slice(0, -2).replace(/^0+(?=\d)/, '');
  const jiao = Number(cents[cents.length - 2]);
  const fen = Number(cents[cents.length - 1]);
  if (yuan.length > 16) throw new Error('amount too large');

  let intText = '';
  if (yuan !== '0') {
    const groups: string[] = [];
    for (let end = yuan.length; end > 0; end -= 4) groups.unshift(yuan.slice(Math.max(0, end - 4), end));
    let pendingZero = false;
    groups.forEach((g, idx) => {
      const big = BIG_UNITS[groups.length - 1 - idx];
      if (Number(g) === 0) {
        pendingZero = intText !== '';
        return;
      }
      // a zero between groups (1,0005 → 壹万零伍) or a group starting with zeros after a non-empty one
      if (intText !== '' && (pendingZero || g.padStart(4, '0')[0] === '0')) intText += '零';
      pendingZero = false;
      intText += group4(g) + big;
    });
  }
  let out = intText ? `${intText}元` : '';
  if (jiao === 0 && fen === 0) out = `${out || '零元'}整`;
  else {
    if (jiao) out += DIGITS[jiao] + '角';
    else if (intText) out += '零';
    if (fen) out += DIGITS[fen] + '分';
  }
  return (negative && out !== '零元整' ? '负' : '') + out;
}
