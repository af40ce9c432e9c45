import { nextTick } from 'vue';
import { flush } from './mount';

/** DOM helpers for page tests (Element Plus teleports dialogs and dropdowns to the body). */
export const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
export const $$ = (selector: string) => [...document.body.querySelectorAll<HTMLElement>(selector)];

/** Lets requests answer and Vue render (a few rounds: a response often triggers another request). */
export async function settle() {
  for (let i = 0; i < 8; i++) {
    await flush();
    await nextTick();
  }
}

/** An `el-input`'s input or textarea, whether its `data-testid` sits on the wrapper or on the field. */
export const field = (selector: string) => $(`${selector} input, ${selector} textarea, input${selector}, textarea${selector}`) as HTMLInputElement;

export function typeInto(selector: string, value: string) {
  const input = field(selector);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** A broadcast row as the SMS and email broadcast lists answer it. */
export const broadcastRow = (id: string, name: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  status,
  templateName: `T ${name}`,
  createdAt: '2026-11-30T08:00:00.000Z',
  progress: { listed: 2, byStatus: { sent: 1, queued: 1 }, percent: 50, opened: 1, clicks: 3, ...extra },
});
