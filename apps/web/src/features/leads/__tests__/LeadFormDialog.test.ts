import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import LeadFormDialog from '@/features/leads/components/LeadFormDialog.vue';
import { json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

const created = { id: 'l-new', name: '王小明', status: 'new', source: 'other', score: 20, masked: false, version: 1 };
const match = { entityType: 'contact', id: 'c-1', matchedOn: 'phone', name: '陈静', ownerName: '李雷 Li Lei', value: '+8613912345678', visible: true };

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);

async function settle() {
  for (let i = 0; i < 4; i++) {
    await flush();
    await nextTick();
  }
}

describe('LeadFormDialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('on 409 DUPLICATE_FOUND shows the matches, and "save anyway" posts again with allowDuplicate', async () => {
    const { requests } = mockNetwork((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/users') return json({ data: [], nextCursor: null, total: 0 });
      if (url.pathname === '/api/v1/leads' && url.searchParams.get('allowDuplicate') !== 'true') {
        return new Response(
          JSON.stringify({ type: 'x', title: 'Conflict', status: 409, code: 'DUPLICATE_FOUND', detail: 'duplicate', matches: [match] }),
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }
      return json(created, 201);
    });
    const saved: unknown[] = [];
    mountWithApp(LeadFormDialog as never, {
      props: { modelValue: false, lead: null, onSaved: (l: unknown) => saved.push(l) },
      global: { stubs: { 'router-link': { template: '<a><slot /></a>' } } },
    } as never).setProps({ modelValue: true } as never);
    await settle();

    const name = $('input[data-testid="lead-name"]') as HTMLInputElement;
    name.value = '王小明';
    name.dispatchEvent(new Event('input'));
    const phone = $('input[data-testid="lead-phone"]') as HTMLInputElement;
    phone.value = '139 1234 5678';
    phone.dispatchEvent(new Event('input'));
    await nextTick();
    $('[data-testid="lead-save"]')!.click();
    await vi.waitFor(() => expect($('[data-testid="duplicate-dialog"]')?.textContent).toContain('陈静'));
    expect(saved).toEqual([]);

    $('[data-testid="duplicate-confirm"]')!.click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const posts = requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/leads');
    expect(posts).toHaveLength(2);
    expect(posts[1].url.searchParams.get('allowDuplicate')).toBe('true');
    expect(JSON.parse(posts[1].body)).toMatchObject({ name: '王小明', phone: '139 1234 5678', status: 'new' });
  });
});
