import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useReveal } from '@/composables/useReveal';
import { accountsApi } from '@/features/accounts';
import { contactsApi } from '@/features/contacts';
import { leadsApi } from '@/features/leads';
import { json, mockNetwork, problem } from '@/test/http';

const KINDS = [
  { kind: 'leads', reveal: leadsApi.reveal, answer: { phone: '+8613912345678', email: 'wang@example.com' }, fields: ['phone', 'email'] },
  { kind: 'accounts', reveal: accountsApi.reveal, answer: { phone: '+8657188886666', email: null }, fields: ['phone', 'email'] },
  { kind: 'contacts', reveal: contactsApi.reveal, answer: { mobile: '+8613700001111', workPhone: null, email: 'li@example.com' }, fields: ['mobile', 'workPhone', 'email'] },
] as const;

describe.each(KINDS)('useReveal on $kind', ({ kind, reveal, answer, fields }) => {
  afterEach(() => vi.unstubAllGlobals());

  it('reveals every field with one audited call per record, again after the record changes', async () => {
    const { requests } = mockNetwork(async (request) => json({ id: new URL(request.url).pathname.split('/')[4], ...answer }));
    const id = ref('r-1');
    const scope = effectScope();
    const { revealField } = scope.run(() => useReveal(id, reveal as (id: string) => Promise<Record<string, unknown>>))!;
    for (const field of fields) await expect(revealField(field)()).resolves.toBe((answer as Record<string, string | null>)[field]);
    expect(requests.map((r) => [r.method, r.path])).toEqual([['POST', `/api/v1/${kind}/r-1/reveal`]]);
    id.value = 'r-2';
    await nextTick();
    await revealField(fields[0])();
    expect(requests.map((r) => r.path)).toEqual([`/api/v1/${kind}/r-1/reveal`, `/api/v1/${kind}/r-2/reveal`]);
    scope.stop();
  });

  it('tries again after a failed reveal', async () => {
    let fail = true;
    const { requests } = mockNetwork(async () => (fail ? problem(503, 'Service Unavailable') : json({ id: 'r-1', ...answer })));
    const scope = effectScope();
    const { revealField } = scope.run(() => useReveal(ref('r-1'), reveal as (id: string) => Promise<Record<string, unknown>>))!;
    await expect(revealField(fields[0])()).rejects.toMatchObject({ status: 503 });
    fail = false;
    await expect(revealField(fields[0])()).resolves.toBe((answer as Record<string, string | null>)[fields[0]]);
    expect(requests).toHaveLength(2);
    scope.stop();
  });
});
