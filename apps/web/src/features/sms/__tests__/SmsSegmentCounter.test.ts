import { describe, expect, it } from 'vitest';
import SmsSegmentCounter from '../components/SmsSegmentCounter.vue';
import { mountWithApp } from '@/test/mount';

describe('SmsSegmentCounter', () => {
  it.each([
    ['Hello', /5 .*1 .*GSM-7/],
    ['a'.repeat(161), /161 .*2 .*GSM-7/],
    ['您好，您的订单已发货。拒收请回复R', /17 .*1 .*UCS-2/],
    ['客'.repeat(71), /71 .*2 .*UCS-2/],
  ])('counts %j live like the server', async (text, expected) => {
    const wrapper = mountWithApp(SmsSegmentCounter as never, { props: { text } } as never);
    expect(wrapper.find('[data-testid="sms-counter-summary"]').text()).toMatch(expected);
    wrapper.unmount();
  });
});
