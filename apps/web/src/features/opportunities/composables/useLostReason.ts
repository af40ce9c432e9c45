import { reactive } from 'vue';
import { KanbanCancelled } from '@/composables/useKanban';

/**
 * Asks for a lost reason in a dialog (LostReasonDialog bound to `state`): `ask` resolves with the reason,
 * or rejects with KanbanCancelled when the user closes the dialog (a board then puts the card back).
 */
export function useLostReason() {
  const state = reactive({ open: false, name: '', reason: '' });
  let settle: { resolve: (r: string) => void; reject: (e: unknown) => void } | null = null;

  function ask(name: string): Promise<string> {
    settle?.reject(new KanbanCancelled());
    state.name = name;
    state.reason = '';
    state.open = true;
    return new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  }

  function confirm(): void {
    const reason = state.reason.trim();
    if (!reason) return;
    const s = settle;
    settle = null;
    state.open = false;
    s?.resolve(reason);
  }

  function cancel(): void {
    const s = settle;
    settle = null;
    state.open = false;
    s?.reject(new KanbanCancelled());
  }

  const setReason = (reason: string) => void (state.reason = reason);

  return { state, ask, confirm, cancel, setReason };
}

export type LostReasonPrompt = ReturnType<typeof useLostReason>;
