/**
 * Replies that opt a number out of marketing (Chinese carriers' 退订/TD/T/R/N and the English STOP words) or
 * back in (START), compared case-insensitively on the trimmed text. Anything else is an ordinary reply.
 */
const OPT_OUT = new Set(['STOP', 'UNSUBSCRIBE', 'TD', 'T', 'R', 'N', '退订']);
const OPT_IN = new Set(['START']);

export type OptOutIntent = 'optOut' | 'optIn' | null;

export function optOutIntent(text: string): OptOutIntent {
  const word = text.normalize('NFKC').trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'optOut';
  if (OPT_IN.has(word)) return 'optIn';
  return null;
}

/** Default opt-out line every marketing template must end with. */
export const DEFAULT_OPT_OUT_LINE = '拒收请回复R';

/** A marketing text must end with an opt-out line (trailing spaces and punctuation ignored). */
export function endsWithOptOutLine(body: string, line = DEFAULT_OPT_OUT_LINE): boolean {
  const strip = (s: string) => s.normalize('NFKC').replace(/[\s.。!！]+$/u, '');
  return strip(body).endsWith(strip(line));
}
