import { ElMessage } from 'element-plus/es';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/app/i18n';
import { useMerge } from '@/composables/useMerge';
import { accountsApi } from '@/features/accounts';
import { contactsApi } from '@/features/contacts';
import { leadsApi } from '@/features/leads';
import { json, mockNetwork } from '@/test/http';

/** Answers the confirmation box Element Plus shows (its primary button confirms). */
async function answerConfirm(confirm: boolean) {
  const box = await vi.waitFor(() => {
    const el = document.querySelector('.el-message-box');
    if (!el) throw new Error('no confirmation shown');
    return el;
  });
  const button = box.querySelector<HTMLButtonElement>(`.el-message-box__btns .el-button${confirm ? '--primary' : ':not(.el-button--primary)'}`)!;
  button.click();
  await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
}

type MergeCall = (id: string, duplicateIds: string[]) => Promise<{ id: string }>;
const KINDS: { kind: string; merge: MergeCall; invalid: string; text: string }[] = [
  { kind: 'leads', merge: leadsApi.merge, invalid: 'MERGE_INVALID', text: 'Pick other records to merge into this one.' },
  { kind: 'accounts', merge: accountsApi.merge, invalid: 'MERGE_INVALID', text: 'Pick other records to merge into this one.' },
  { kind: 'contacts', merge: contactsApi.merge, invalid: 'MERGE_INVALID', text: 'Pick other records to merge into this one.' },
];

describe.each(KINDS)('useMerge on $kind', ({ kind, merge, invalid, text }) => {
  beforeEach(() => {
    i18n.global.locale.value = 'en-US';
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    // let the toasts leave while the DOM is still there
    ElMessage.closeAll();
    await vi.waitFor(() => expect(document.querySelector('.el-message')).toBeNull());
  });

  const conflict = (code: string, detail: string) =>
    new Response(JSON.stringify({ type: `urn:keyuan:problem:${code}`, title: 'Conflict', status: 409, code, detail }), {
      status: 409,
      headers: { 'Content-Type': 'application/problem+json' },
    });

  it('confirms, posts the distinct duplicate ids and answers the survivor', async () => {
    const { requests } = mockNetwork(async () => json({ id: 'keep', name: 'Kept', version: 3 }));
    const m = useMerge({ targetName: () => 'Kept', merge: (ids) => merge('keep', ids) });
    const result = m.merge(['d1', 'd2', 'd1']);
    await answerConfirm(true);
    await expect(result).resolves.toMatchObject({ id: 'keep' });
    expect(requests.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([['POST', `/api/v1/${kind}/keep/merge`, { duplicateIds: ['d1', 'd2'] }]]);
    expect(m.error.value).toBeNull();
    expect(m.merging.value).toBe(false);
  });

  it('renders a 409 by its code from the locale files, in the user language', async () => {
    mockNetwork(async () => conflict(invalid, 'server words that the UI does not show'));
    const m = useMerge({ targetName: () => 'Kept', merge: (ids) => merge('keep', ids) });
    const result = m.merge(['keep']);
    await answerConfirm(true);
    await expect(result).resolves.toBeUndefined();
    expect(m.error.value).toBe(text);
    i18n.global.locale.value = 'zh-CN';
    const again = m.merge(['keep']);
    await answerConfirm(true);
    await again;
    expect(m.error.value).toMatch(/^请选择其他/);
  });

  it('falls back to the server detail for a code the locale files lack, and sends nothing when cancelled', async () => {
    const { requests } = mockNetwork(async () => conflict('SOMETHING_NEW', 'Something new went wrong'));
    const m = useMerge({ targetName: () => 'Kept', merge: (ids) => merge('keep', ids) });
    const cancelled = m.merge(['d1']);
    await answerConfirm(false);
    await expect(cancelled).resolves.toBeUndefined();
    expect(requests).toHaveLength(0);
    const refused = m.merge(['d1']);
    await answerConfirm(true);
    await refused;
    expect(m.error.value).toBe('Something new went wrong');
    await expect(m.merge([])).resolves.toBeUndefined();
    expect(requests).toHaveLength(1);
  });
});
