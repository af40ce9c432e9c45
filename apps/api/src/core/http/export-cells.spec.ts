import { exportValue, type FieldDef, localDateTime, wallClock } from './export-cells';

describe('export cells', () => {
  it('shows an instant as the wall-clock time of the business time zone', () => {
    const d = new Date('2026-11-30T16:05:09Z');
    expect(localDateTime(d, 'Asia/Shanghai')).toBe('2026-12-01 00:05:09');
    expect(localDateTime(d, 'UTC')).toBe('2026-11-30 16:05:09');
    expect(wallClock(d, 'Asia/Shanghai').toISOString()).toBe('2026-12-01T00:05:09.000Z');
  });

  it('labels options and yes/no in the file language, keeps other values', () => {
    const status: FieldDef<{ status: string }> = { key: 'status', zh: '状态', en: 'Status', options: 'leadStatus' };
    expect(exportValue(status, { status: 'contacted' }, 'zh-CN')).toBe('已联系');
    expect(exportValue(status, { status: 'contacted' }, 'en-US')).toBe('Contacted');
    expect(exportValue(status, { status: 'someday' }, 'zh-CN')).toBe('someday');
    const flag: FieldDef<{ isPrimary: boolean }> = { key: 'isPrimary', zh: '首要联系人', en: 'Primary' };
    expect(exportValue(flag, { isPrimary: true }, 'zh-CN')).toBe('是');
    expect(exportValue(flag, { isPrimary: false }, 'en-US')).toBe('No');
    const tags: FieldDef<{ tags: string[] | null }> = { key: 'tags', zh: '标签', en: 'Tags' };
    expect(exportValue(tags, { tags: ['a', 'b'] }, 'en-US')).toBe('a;b');
    expect(exportValue(tags, { tags: null }, 'en-US')).toBe('');
  });
});
