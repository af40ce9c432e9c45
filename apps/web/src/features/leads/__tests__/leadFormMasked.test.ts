import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { Lead } from '@/features/leads/api';
import LeadFormDialog from '@/features/leads/components/LeadFormDialog.vue';
import { flush, mountWithApp } from '@/test/mount';

const { update, reveal } = vi.hoisted(() => ({
  update: vi.fn(async (id: string, body: Record<string, unknown>) => ({ id, ...body })),
  reveal: vi.fn(async (id: string) => ({ id, phone: '+8613912345678', email: 'wang.xm@example.com' })),
}));
vi.mock('@/features/leads/api', async (original) => {
  const real = await original<typeof import('@/features/leads/api')>();
  return { ...real, leadsApi: { ...real.leadsApi, update, reveal } };
});

const input = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`) as HTMLInputElement;

describe('a form with masked fields', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.innerHTML = '';
  });

  const lead = {
    id: 'l-1',
    version: 3,
    name: '王小明',
    company: null,
    title: null,
    phone: '139****5678',
    email: 'w***@example.com',
    source: 'web',
    status: 'new',
    province: null,
    city: null,
    notes: null,
    nextFollowUpAt: null,
    ownerId: 'u-1',
    masked: true,
    actions: ['edit'],
  } as unknown as Lead;

  async function openForm() {
    const wrapper = mountWithApp(LeadFormDialog as never, { props: { modelValue: false, lead }, global: { stubs: { 'router-link': true } } } as never);
    await wrapper.setProps({ modelValue: true } as never);
    await flush();
    await nextTick();
    return wrapper;
  }
  const save = async () => {
    (document.querySelector('[data-testid="lead-save"]') as HTMLButtonElement).click();
    await flush();
    await flush();
  };

  it('never puts the masked value in an editable input and never sends an untouched masked field', async () => {
    await openForm();
    expect(input(document, 'lead-phone').readOnly).toBe(true);
    expect(input(document, 'lead-email').readOnly).toBe(true);
    const name = input(document, 'lead-name');
    name.value = '王小明（采购）';
    name.dispatchEvent(new Event('input'));
    await save();
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0][1]).toEqual({ name: '王小明（采购）', version: 3 });
    expect(reveal).not.toHaveBeenCalled();
  }, 30_000);

  it('reveals to edit: an unchanged revealed value is not sent, an edited one is', async () => {
    await openForm();
    (document.querySelector('[data-testid="lead-phone-reveal"]') as HTMLButtonElement).click();
    await flush();
    await nextTick();
    const phone = input(document, 'lead-phone');
    expect(phone.readOnly).toBe(false);
    expect(phone.value).toBe('+8613912345678');
    expect(reveal).toHaveBeenCalledTimes(1);
    // the email was revealed with the phone (one audited call) but is still untouched: not sent
    phone.value = '+8613900001111';
    phone.dispatchEvent(new Event('input'));
    await save();
    expect(update.mock.calls[0][1]).toEqual({ phone: '+8613900001111', version: 3 });
  }, 30_000);
});
