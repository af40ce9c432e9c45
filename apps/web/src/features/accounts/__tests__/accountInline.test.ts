import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { accountsApi, type AccountDetail } from '@/features/accounts/api';
import AccountSummary from '@/features/accounts/components/AccountSummary.vue';
import { useAccountInlineEdit } from '@/features/accounts/composables/accountInlineEdit';
import { mountWithApp } from '@/test/mount';

const account = (over: Partial<AccountDetail> = {}): AccountDetail =>
  ({
    id: 'a1', name: '云启科技', type: 'customer', industry: '制造', size: '10-49', source: 'web', level: 'A', lifecycleStage: 'active',
    phone: '138****8000', email: 'a***@x.cn', website: null, province: null, city: null, district: null, street: null, tags: [],
    parentId: null, parentName: null, ownerId: 'u1', ownerName: '张三', departmentId: null, poolId: null, claimedAt: null,
    nextFollowUpAt: null, lastActivityAt: null, externalId: null, masked: true, actions: ['edit', 'reveal'], version: 7,
    createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', contactCount: 2, ...over,
  }) as AccountDetail;

function mountSummary(a: AccountDetail) {
  const Host = defineComponent({
    setup() {
      const inline = useAccountInlineEdit();
      return () => h(AccountSummary, { account: a, reveal: () => async () => null, inline });
    },
  });
  return mountWithApp(Host);
}

describe('account inline edit', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('offers the simple fields inline on the summary, never phone or email (they have the reveal flow)', () => {
    const wrapper = mountSummary(account());
    for (const field of ['lifecycleStage', 'level', 'type', 'industry', 'size', 'source', 'nextFollowUpAt']) {
      expect(wrapper.find(`[data-testid="inline-edit-${field}"]`).exists(), field).toBe(true);
    }
    expect(wrapper.find('[data-testid="inline-phone"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="inline-email"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="inline-value-level"]').text()).toBe('A (key)');
  });

  it('is read-only when the API offers no edit on the account', () => {
    const wrapper = mountSummary(account({ actions: ['reveal'] }));
    expect(wrapper.find('[data-testid="inline-edit-industry"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="inline-value-industry"]').text()).toBe('制造');
  });

  it('saves a select through the accounts API with the version the user saw', async () => {
    const update = vi.spyOn(accountsApi, 'update').mockResolvedValue(account({ level: 'B', version: 8 }) as never);
    const wrapper = mountSummary(account());
    await wrapper.find('[data-testid="inline-edit-level"]').trigger('click');
    // the select's options are teleported; set the draft as a pick would
    const cell = wrapper.findAllComponents({ name: 'ElSelect' })[0];
    cell.vm.$emit('update:modelValue', 'B');
    await wrapper.find('[data-testid="inline-save-level"]').trigger('click');
    await new Promise((r) => setTimeout(r, 0));
    expect(update).toHaveBeenCalledWith('a1', { level: 'B', version: 7 });
  });
});
