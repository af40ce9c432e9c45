import { afterEach, describe, expect, it, vi } from 'vitest';
import MaskedInput from '@/components/MaskedInput.vue';
import { flush, mountWithApp } from '@/test/mount';

const input = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`) as HTMLInputElement;

describe('MaskedInput', () => {
  afterEach(() => vi.clearAllMocks());

  it('shows a masked value read-only with a reveal button, then the full value editable', async () => {
    const full = vi.fn(async () => '+8613912345678');
    const wrapper = mountWithApp(MaskedInput as never, { props: { modelValue: '139****5678', masked: true, reveal: full, testId: 'p' } } as never);
    const field = input(document, 'p');
    expect(field.value).toBe('139****5678');
    expect(field.readOnly).toBe(true);
    await wrapper.find('[data-testid="p-reveal"]').trigger('click');
    await flush();
    expect(full).toHaveBeenCalledTimes(1);
    expect(wrapper.emitted('revealed')).toEqual([['+8613912345678']]);
    expect(wrapper.emitted('update:modelValue')).toEqual([['+8613912345678']]);
    await wrapper.setProps({ modelValue: '+8613912345678' } as never);
    const editable = input(document, 'p');
    expect(editable.readOnly).toBe(false);
    expect(wrapper.find('[data-testid="p-reveal"]').exists()).toBe(false);
  });

  it('is a plain input when the value is not masked (or empty)', () => {
    for (const props of [{ modelValue: '+8613912345678', masked: false }, { modelValue: '', masked: true }]) {
      const wrapper = mountWithApp(MaskedInput as never, { props: { ...props, reveal: vi.fn(), testId: 'q' } } as never);
      expect(input(document, 'q').readOnly).toBe(false);
      expect(wrapper.find('[data-testid="q-reveal"]').exists()).toBe(false);
      wrapper.unmount();
    }
  });
});

