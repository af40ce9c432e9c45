import iconv from 'iconv-lite';

/** Deepest object/array nesting a JSON body may have; real bodies of this API stay under 5. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether the JSON text nests objects/arrays deeper than `max`, by one pass over the raw text before it
 * is parsed (brackets inside strings do not count). Deep bodies would otherwise overflow the stack of
 * class-transformer and class-validator (a 500 RangeError).
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** body-parser `verify` hook: a too deeply nested body fails with 400 (code JSON_TOO_DEEP in the problem filter). */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer, encoding: string): void {
  const text = !encoding || /^utf-?8$/i.test(encoding) ? buf.toString('utf8') : iconv.decode(buf, encoding);
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`), { status: 400, type: 'entity.too.deep' });
  }
}
