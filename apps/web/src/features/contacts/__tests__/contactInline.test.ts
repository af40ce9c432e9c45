import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import InlineEditCell from '@/components/InlineEditCell.vue';
import { type Contact, contactsApi } from '@/features/contacts/api';
import { useContactInlineEdit } from '@/features/contacts/composables/contactInlineEdit';
import { flush, mountWithApp } from '@/test/mount';

const contact = { id: 'c1', version: 3, title: '采购经理', gender: 'female', actions: ['edit'] } as unknown as Contact;

describe('contact inline edit', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('saves the title through the contacts API with the version and labels the gender in the user language', async () => {
    const update = vi.spyOn(contactsApi, 'update').mockResolvedValue({ ...contact, title: '总监', version: 4 } as never);
    const Host = defineComponent({
      setup() {
        const inline = useContactInlineEdit();
        return () => [
          h(InlineEditCell as never, { inline, row: contact, field: 'title' }),
          h(InlineEditCell as never, { inline, row: contact, field: 'gender', type: 'select', options: inline.genderOptions.value }),
        ];
      },
    });
    const wrapper = mountWithApp(Host);
    expect(wrapper.find('[data-testid="inline-value-gender"]').text()).toBe('Female');
    await wrapper.find('[data-testid="inline-edit-title"]').trigger('click');
    await wrapper.find('input[data-testid="inline-input-title"]').setValue('总监');
    await wrapper.find('[data-testid="inline-save-title"]').trigger('click');
    await flush();
    expect(update).toHaveBeenCalledWith('c1', { title: '总监', version: 3 });
    expect(wrapper.find('[data-testid="inline-value-title"]').text()).toBe('总监');
  });
});
