import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';
import { activeShortcuts, handleShortcut, keyLabel, matchesKey, registerShortcut, useNewRecordShortcut } from '@/composables/useShortcuts';

function press(key: string, init: KeyboardEventInit = {}, target: HTMLElement = document.body) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('keyboard shortcuts', () => {
  const onKeydown = (e: KeyboardEvent) => void handleShortcut(e);
  document.addEventListener('keydown', onKeydown);
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('matches plain keys and Ctrl/⌘ chords exactly', () => {
    const ev = (key: string, init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key, ...init });
    expect(matchesKey(ev('n'), 'n')).toBe(true);
    expect(matchesKey(ev('N'), 'n')).toBe(true);
    expect(matchesKey(ev('n', { ctrlKey: true }), 'n')).toBe(false);
    expect(matchesKey(ev('k', { ctrlKey: true }), 'mod+k')).toBe(true);
    expect(matchesKey(ev('k', { metaKey: true }), 'mod+k')).toBe(true);
    expect(matchesKey(ev('k'), 'mod+k')).toBe(false);
    expect(keyLabel('mod+k')).toEqual(['Ctrl', 'K']);
  });

  it('fires a page shortcut outside fields, never while typing or under an open dialog', () => {
    const handler = vi.fn();
    const off = registerShortcut({ id: 't-new', keys: ['n'], descriptionKey: 'shortcuts.new', handler, page: true });
    expect(press('n').defaultPrevented).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);

    const input = document.body.appendChild(document.createElement('input'));
    expect(press('n', {}, input).defaultPrevented).toBe(false);
    const area = document.body.appendChild(document.createElement('textarea'));
    press('n', {}, area);
    const editable = document.body.appendChild(document.createElement('div'));
    editable.contentEditable = 'true';
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    press('n', {}, editable);
    press('n', { isComposing: true });
    expect(handler).toHaveBeenCalledTimes(1);

    const overlay = document.body.appendChild(document.createElement('div'));
    overlay.className = 'el-overlay';
    press('n');
    expect(handler).toHaveBeenCalledTimes(1);
    overlay.style.display = 'none';
    press('n');
    expect(handler).toHaveBeenCalledTimes(2);
    off();
    press('n');
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('a Ctrl chord fires from inside a field too', () => {
    const handler = vi.fn();
    const off = registerShortcut({ id: 't-search', keys: ['mod+k'], descriptionKey: 'shortcuts.globalSearch', handler });
    const input = document.body.appendChild(document.createElement('input'));
    expect(press('k', { ctrlKey: true }, input).defaultPrevented).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);
    off();
  });

  it("a page's shortcut lives as long as the page and shows in the help list", () => {
    const handler = vi.fn();
    const Page = defineComponent({
      setup() {
        useNewRecordShortcut(handler);
        return () => h('div');
      },
    });
    const wrapper = mount(Page);
    expect(activeShortcuts().map((s) => s.id)).toContain('new-record');
    press('n');
    expect(handler).toHaveBeenCalledTimes(1);
    wrapper.unmount();
    expect(activeShortcuts().map((s) => s.id)).not.toContain('new-record');
    press('n');
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
