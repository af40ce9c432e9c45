/**
 * How many SMS parts a text takes (GSM 03.38): a text of GSM-7 characters only is 160 septets in one part and
 * 153 per part when concatenated (the extension table's characters take two septets and never straddle parts);
 * anything else is sent as UCS-2: 70 UTF-16 units in one part, 67 per part concatenated (so Chinese counts right;
 * a character outside the BMP, such as most emoji, takes two units).
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Characters as a person counts them (code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  parts: number;
  /** Units per part at this length (160/153 or 70/67). */
  perPart: number;
  /** Units left in the last part before another part starts. */
  remaining: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  const gsm = chars.every((c) => BASIC.has(c) || EXTENDED.has(c));
  if (gsm) {
    const septets = chars.map((c) => (EXTENDED.has(c) ? 2 : 1));
    const units = septets.reduce((a, b) => a + b, 0);
    if (units <= 160) return { encoding: 'GSM-7', characters: chars.length, units, parts: units === 0 ? 0 : 1, perPart: 160, remaining: 160 - units };
    // an escape and its character stay in one part: fill parts of 153 septets greedily
    let parts = 1;
    let used = 0;
    for (const s of septets) {
      if (used + s > 153) {
        parts++;
        used = 0;
      }
      used += s;
    }
    return { encoding: 'GSM-7', characters: chars.length, units, parts, perPart: 153, remaining: 153 - used };
  }
  const units = text.length;
  if (units <= 70) return { encoding: 'UCS-2', characters: chars.length, units, parts: 1, perPart: 70, remaining: 70 - units };
  // a surrogate pair stays in one part
  let parts = 1;
  let used = 0;
  for (const c of chars) {
    if (used + c.length > 67) {
      parts++;
      used = 0;
    }
    used += c.length;
  }
  return { encoding: 'UCS-2', characters: chars.length, units, parts, perPart: 67, remaining: 67 - used };
}
