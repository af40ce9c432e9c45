/** Date parts of `at` in the business time zone. */
function parts(at: Date, timeZone: string): { yyyy: string; MM: string; dd: string } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => f.find((p) => p.type === t)!.value;
  return { yyyy: get('year'), MM: get('month'), dd: get('day') };
}

/**
 * Splits a sequence format (`Q{yyyyMM}-{seq:4}`) at a date into the counter's key (the text around the
 * number with the date filled in, `Q202611-`: one counter per month here) and a renderer of the number.
 */
export function expandSequenceFormat(format: string, at: Date, timeZone: string): { key: string; render: (n: number) => string } {
  const p = parts(at, timeZone);
  const dated = format
    .replace(/\{yyyyMMdd\}/g, `${p.yyyy}${p.MM}${p.dd}`)
    .replace(/\{yyyyMM\}/g, `${p.yyyy}${p.MM}`)
    .replace(/\{yyyy\}/g, p.yyyy)
    .replace(/\{yy\}/g, p.yyyy.slice(2))
    .replace(/\{MM\}/g, p.MM)
    .replace(/\{dd\}/g, p.dd);
  const m = /\{seq:(\d+)\}/.exec(dated);
  if (!m) throw new Error(`sequence format without {seq:N}: ${format}`);
  const width = Number(m[1]);
  return { key: dated.replace(m[0], '#'), render: (n) => dated.replace(m[0], String(n).padStart(width, '0')) };
}
