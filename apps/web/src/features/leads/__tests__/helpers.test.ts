import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { embedSnippet } from '@/features/leads/composables/embedSnippet';
import { scoreBand } from '@/features/leads/composables/leadOptions';
import { claimLimitOf } from '@/features/pools';
import { dayRanges } from '@/lib/dates';
import { changedBody, createBody } from '@/lib/form-values';

describe('customer helpers', () => {
  it('reads held and limit from a 409 POOL_CLAIM_LIMIT', () => {
    const err = new ApiError({ type: 'x', title: 'Conflict', status: 409, code: 'POOL_CLAIM_LIMIT', detail: 'You already hold 5 of 5', held: 5, limit: 5 });
    expect(claimLimitOf(err)).toEqual({ held: 5, limit: 5 });
    expect(claimLimitOf(new ApiError({ type: 'x', title: 'Conflict', status: 409, code: 'DUPLICATE_FOUND' }))).toBeNull();
  });

  it('sends only changed fields on edit, so untouched masked values stay on the server', () => {
    const initial = { name: '王小明', phone: '139****5678', email: 'w***@example.com', city: '' };
    expect(changedBody(initial, { ...initial, name: '王小明 ', city: '杭州市' })).toEqual({ city: '杭州市' });
    expect(changedBody(initial, { ...initial, email: '' })).toEqual({ email: null });
    expect(createBody({ name: ' 李雷 ', phone: '', tags: [] as string[], active: false })).toEqual({ name: '李雷', tags: [], active: false });
  });

  it('embeds the key as X-Form-Key with a honeypot field', () => {
    const html = embedSnippet('https://crm.example.com/', 'lf_secret');
    expect(html).toContain("fetch('https://crm.example.com/api/v1/public/leads'");
    expect(html).toContain("'X-Form-Key': 'lf_secret'");
    expect(html).toContain('name="website"');
  });

  it('turns day filters into whole local days and bands scores', () => {
    const q = dayRanges({ createdAtFrom: '2026-01-01', createdAtTo: '2026-01-31', status: 'new' });
    expect(new Date(q.createdAtFrom).getDate()).toBe(1);
    expect(new Date(q.createdAtTo).getHours()).toBe(23);
    expect(q.status).toBe('new');
    expect([scoreBand(10), scoreBand(40), scoreBand(85)]).toEqual(['cold', 'warm', 'hot']);
  });
});
