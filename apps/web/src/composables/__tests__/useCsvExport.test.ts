import { describe, expect, it } from 'vitest';
import { dispositionName, exportParams } from '@/composables/useCsvExport';

describe('server CSV export', () => {
  it('passes the list\'s filters, search and sort with the language, day ranges as local instants', () => {
    const params = exportParams({ status: 'new', q: '张', sort: '-createdAt', createdAtFrom: '2026-01-01', createdAtTo: '2026-01-31', scoreFrom: 40, limit: 50, cursor: 'x' }, 'zh-CN');
    expect(params.get('format')).toBe('csv');
    expect(params.get('lang')).toBe('zh-CN');
    expect(params.get('status')).toBe('new');
    expect(params.get('q')).toBe('张');
    expect(params.get('sort')).toBe('-createdAt');
    expect(params.get('scoreFrom')).toBe('40');
    expect(params.get('createdAtFrom')).toBe(new Date(2026, 0, 1).toISOString());
    expect(params.get('createdAtTo')).toBe(new Date(2026, 0, 31, 23, 59, 59, 999).toISOString());
    expect(params.has('limit')).toBe(false);
    expect(params.has('cursor')).toBe(false);
  });

  it('asks for an Excel workbook with format=xlsx, with the same filters', () => {
    const params = exportParams({ status: 'new', q: '张' }, 'en-US', 'xlsx');
    expect(params.get('format')).toBe('xlsx');
    expect(params.get('lang')).toBe('en-US');
    expect(params.get('status')).toBe('new');
  });

  it('uses the file name the server chose', () => {
    expect(dispositionName(`attachment; filename="leads.csv"; filename*=UTF-8''${encodeURIComponent('线索-2026.csv')}`)).toBe('线索-2026.csv');
    expect(dispositionName('attachment; filename="leads-2026.csv"')).toBe('leads-2026.csv');
    expect(dispositionName(null)).toBeNull();
  });
});
