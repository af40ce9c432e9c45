import { describe, expect, it, vi } from 'vitest';
import MaskedValue from '@/components/MaskedValue.vue';
import { flush, mountWithApp } from '@/test/mount';

describe('MaskedValue', () => {
  it('shows the value as given, with no eye when it is not masked', () => {
    const wrapper = mountWithApp(MaskedValue as never, { props: { value: '+8613912345678', masked: false, reveal: vi.fn(), testId: 'p' } } as never);
    expect(wrapper.text()).toContain('+8613912345678');
    expect(wrapper.find('[data-testid="p-reveal"]').exists()).toBe(false);
  });

  it('reveals the full value once (an audited call) and toggles it', async () => {
    const reveal = vi.fn(async () => '+8613912345678');
    const wrapper = mountWithApp(MaskedValue as never, { props: { value: '139****5678', masked: true, reveal, testId: 'p' } } as never);
    expect(wrapper.text()).toContain('139****5678');
    await wrapper.find('[data-testid="p-reveal"]').trigger('click');
    await flush();
    expect(wrapper.text()).toContain('+8613912345678');
    await wrapper.find('[data-testid="p-reveal"]').trigger('click');
    expect(wrapper.text()).toContain('139****5678');
    await wrapper.find('[data-testid="p-reveal"]').trigger('click');
    await flush();
    expect(wrapper.text()).toContain('+8613912345678');
    expect(reveal).toHaveBeenCalledTimes(1);
  });

  it('shows a dash for an empty value and offers no reveal', () => {
    const wrapper = mountWithApp(MaskedValue as never, { props: { value: null, masked: true, reveal: vi.fn(), testId: 'p' } } as never);
    expect(wrapper.text()).toContain('—');
    expect(wrapper.find('[data-testid="p-reveal"]').exists()).toBe(false);
  });
});
