import { readFileSync } from 'node:fs';
import type { DayOverride } from './business-time';

/** An official day of the data package: a holiday or a make-up working day (调休), with its name. */
export interface OfficialDay extends DayOverride {
  date: string;
  nameZh: string;
  nameEn: string;
}

let cache: OfficialDay[] | null = null;

/**
 * China's official holidays and make-up working days from the `chinese-days` package (the State
 * Council's yearly schedule; a package update brings next year's once published). Read once.
 */
export function officialChinaDayList(): OfficialDay[] {
  if (cache) return cache;
  const file = require.resolve('chinese-days/dist/chinese-days.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  const parse = (kind: 'holiday' | 'workday') => ([date, label]: [string, string]): OfficialDay => {
    const [nameEn, nameZh] = label.split(',');
    return { date, kind, nameZh: nameZh ?? nameEn, nameEn };
  };
  cache = [...Object.entries(data.holidays).map(parse('holiday')), ...Object.entries(data.workdays).map(parse('workday'))].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return cache;
}

/** The official days as business-time overrides, by date. */
export function officialChinaDays(): Map<string, DayOverride> {
  return new Map(officialChinaDayList().map((d) => [d.date, { kind: d.kind }]));
}
