import { getCurrentInstance, onBeforeUnmount, shallowReactive } from 'vue';

/**
 * Keyboard shortcuts of the app shell and of the page on screen. A key is written `n`, `/`, `?` or
 * `mod+k` (mod = Ctrl, or ⌘ on a Mac). Plain keys never fire while the user types in a field or while a
 * dialog is open; `mod+` chords fire in fields too (Ctrl+K from a filter box still opens the search).
 */
export interface Shortcut {
  id: string;
  /** One or more keys that trigger it, e.g. `['/', 'mod+k']`. */
  keys: string[];
  /** Locale key of its description in the help dialog. */
  descriptionKey: string;
  handler: (event: KeyboardEvent) => void;
  /** Shown in the help dialog's "this page" group rather than "everywhere". */
  page?: boolean;
}

const shortcuts = shallowReactive<Shortcut[]>([]);

export function registerShortcut(shortcut: Shortcut): () => void {
  const at = shortcuts.findIndex((s) => s.id === shortcut.id);
  if (at >= 0) shortcuts.splice(at, 1, shortcut);
  else shortcuts.push(shortcut);
  return () => {
    const i = shortcuts.indexOf(shortcut);
    if (i >= 0) shortcuts.splice(i, 1);
  };
}

/** Registers while the calling component is mounted (a page's own shortcuts). */
export function useShortcut(shortcut: Omit<Shortcut, 'page'> & { page?: boolean }): void {
  const off = registerShortcut({ page: true, ...shortcut });
  if (getCurrentInstance()) onBeforeUnmount(off);
}

/** `n` on a list page opens its "new record" form. */
export function useNewRecordShortcut(handler: () => void, descriptionKey = 'shortcuts.new'): void {
  useShortcut({ id: 'new-record', keys: ['n'], descriptionKey, handler: () => handler() });
}

export function activeShortcuts(): readonly Shortcut[] {
  return shortcuts;
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function matchesKey(event: KeyboardEvent, key: string): boolean {
  const parts = key.toLowerCase().split('+');
  const main = parts.pop()!;
  const mod = parts.includes('mod');
  const hasMod = event.ctrlKey || event.metaKey;
  if (mod !== hasMod || event.altKey) return false;
  return event.key.toLowerCase() === main;
}

/** The user is typing: an input, a textarea, a select's search box or an editable element has the focus. */
export function isTyping(event: KeyboardEvent): boolean {
  const el = event.target as HTMLElement | null;
  if (!el || !(el instanceof HTMLElement)) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}

/** A dialog, drawer or message box is on screen: page shortcuts wait until it closes. */
export function overlayOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('.el-overlay')].some((el) => el.style.display !== 'none' && getComputedStyle(el).display !== 'none');
}

export function handleShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing || event.repeat) return false;
  for (const shortcut of [...shortcuts].reverse()) {
    const key = shortcut.keys.find((k) => matchesKey(event, k));
    if (!key) continue;
    const chord = key.includes('mod+');
    if (!chord && (isTyping(event) || overlayOpen())) return false;
    if (chord && overlayOpen()) return false;
    event.preventDefault();
    shortcut.handler(event);
    return true;
  }
  return false;
}

/** How a key is written in the help dialog on this platform. */
export function keyLabel(key: string): string[] {
  return key.split('+').map((part) => (part === 'mod' ? (isMac() ? '⌘' : 'Ctrl') : part.length === 1 ? part.toUpperCase() : part[0].toUpperCase() + part.slice(1)));
}
