import { describe, expect, it } from 'vitest';
import { isKanbanCancelled } from '@/composables/useKanban';
import { useLostReason } from '../composables/useLostReason';

describe('useLostReason', () => {
  it('resolves with the trimmed reason, and needs one', async () => {
    const prompt = useLostReason();
    const asked = prompt.ask('云启 CRM 二期');
    expect(prompt.state).toMatchObject({ open: true, name: '云启 CRM 二期', reason: '' });
    prompt.confirm();
    expect(prompt.state.open).toBe(true);
    prompt.setReason('  价格高于竞品 ');
    prompt.confirm();
    await expect(asked).resolves.toBe('价格高于竞品');
    expect(prompt.state.open).toBe(false);
  });

  it('rejects with a cancellation the board treats silently', async () => {
    const prompt = useLostReason();
    const asked = prompt.ask('x');
    prompt.cancel();
    const err = await asked.catch((e: unknown) => e);
    expect(isKanbanCancelled(err)).toBe(true);
    expect(prompt.state.open).toBe(false);
  });
});
