import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick, reactive, ref } from 'vue';
import { isSaveChord, isSubmitEnter, useFormDialog } from '@/composables/useFormDialog';
import LeadFormDialog from '@/features/leads/components/LeadFormDialog.vue';
import { json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

// the custom field inputs (their own tests and the browser test cover them) stay out of the keyboard and 412 cases:
// their lazy chunk resolving mid-test delays the conflict table's layout in jsdom
vi.mock('@/features/custom-fields', () => ({ CustomFieldInputs: { name: 'CustomFieldInputs', render: () => null } }));

/** useFormDialog (the shared dialog-form behaviour) through a real dialog: the lead form. */
const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
const lead = {
  id: 'l-1', name: '王小明', company: '云启', title: null, phone: null, email: null, source: 'other', status: 'new', province: null,
  city: null, notes: 'first', nextFollowUpAt: null, ownerId: 'u-1', ownerName: 'Rep', score: 20, masked: false, version: 3,
};

async function settle() {
  for (let i = 0; i < 4; i++) {
    await flush();
    await nextTick();
  }
}

function type(selector: string, value: string) {
  const input = $(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  return input;
}

function key(target: HTMLElement, init: KeyboardEventInit) {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

function mountLead(props: Record<string, unknown>) {
  const wrapper = mountWithApp(LeadFormDialog as never, {
    props: { modelValue: false, ...props },
    global: { stubs: { 'router-link': { template: '<a><slot /></a>' } } },
  } as never);
  void wrapper.setProps({ modelValue: true } as never);
  return wrapper;
}

const formOf = (wrapper: unknown) =>
  (wrapper as { vm: { $: { setupState: Record<string, unknown> } } }).vm.$.setupState.form as ReturnType<typeof useFormDialog>;

describe('keys of a dialog form', () => {
  const input = (type = 'text') => Object.assign(document.createElement('input'), { type });
  const ev = (target: HTMLElement, init: KeyboardEventInit) => {
    const e = new KeyboardEvent('keydown', { bubbles: true, ...init });
    Object.defineProperty(e, 'target', { value: target });
    return e;
  };

  it('Enter in a one-line input submits; in a textarea, a select, a button or during IME composition it does not', () => {
    expect(isSubmitEnter(ev(input(), { key: 'Enter' }))).toBe(true);
    expect(isSubmitEnter(ev(input('email'), { key: 'Enter' }))).toBe(true);
    expect(isSubmitEnter(ev(document.createElement('textarea'), { key: 'Enter' }))).toBe(false);
    expect(isSubmitEnter(ev(document.createElement('button'), { key: 'Enter' }))).toBe(false);
    expect(isSubmitEnter(ev(input(), { key: 'Enter', isComposing: true }))).toBe(false);
    const select = document.createElement('div');
    select.className = 'el-select';
    const inSelect = select.appendChild(input());
    expect(isSubmitEnter(ev(inSelect, { key: 'Enter' }))).toBe(false);
    expect(isSubmitEnter(ev(input(), { key: 'a' }))).toBe(false);
  });

  it('Ctrl+Enter, Ctrl+S and ⌘+S save from anywhere', () => {
    const area = document.createElement('textarea');
    expect(isSaveChord(ev(area, { key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(isSaveChord(ev(area, { key: 's', ctrlKey: true }))).toBe(true);
    expect(isSaveChord(ev(area, { key: 's', metaKey: true }))).toBe(true);
    expect(isSaveChord(ev(area, { key: 's' }))).toBe(false);
  });
});

describe('useFormDialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('is dirty only after a change, compares dates by value, and forgets changes when reopened', async () => {
    const open = ref(false);
    const model = reactive({ name: 'a', due: new Date('2026-01-01T00:00:00Z') as Date | string });
    const form = useFormDialog(model, { open, save: () => undefined });
    open.value = true;
    await nextTick();
    expect(form.dirty.value).toBe(false);
    model.due = '2026-01-01T00:00:00.000Z';
    expect(form.dirty.value).toBe(false);
    model.name = 'b';
    expect(form.dirty.value).toBe(true);
    open.value = false;
    await nextTick();
    open.value = true;
    await nextTick();
    expect(form.dirty.value).toBe(false);
  });

  it('focuses the first field when opened and Enter in it saves (POST once)', async () => {
    const { requests } = mockNetwork((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/users') return json({ data: [], nextCursor: null, total: 0 });
      return json({ ...lead, id: 'l-new', version: 1 }, 201);
    });
    const saved: unknown[] = [];
    const wrapper = mountLead({ lead: null, onSaved: (l: unknown) => saved.push(l) });
    await settle();
    expect($('[data-testid="lead-form"]')!.getAttribute('data-form-dialog')).toMatch(/^form-dialog-/);
    // Element Plus emits `opened` after its transition, which jsdom does not run: call the bound handler
    formOf(wrapper).dialog.onOpened();
    await nextTick();
    expect(document.activeElement).toBe($('input[data-testid="lead-name"]'));

    const name = type('input[data-testid="lead-name"]', '李雷');
    await nextTick();
    const event = key(name, { key: 'Enter' });
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/leads')).toHaveLength(1);
  });

  it('does not take the focus back when the user went into another field while the dialog was opening', async () => {
    mockNetwork(() => json({ data: [], nextCursor: null, total: 0 }));
    const wrapper = mountLead({ lead: null });
    await settle();
    const phone = $('input[data-testid="lead-phone"]')!;
    phone.focus(); // a click in the phone field before the open transition ended
    formOf(wrapper).dialog.onOpened();
    await nextTick();
    expect(document.activeElement).toBe(phone);
  });

  it('Esc on a changed form asks before discarding; "keep editing" keeps it open, "discard" closes it', async () => {
    mockNetwork(() => json({ data: [], nextCursor: null, total: 0 }));
    const wrapper = mountLead({ lead: null });
    await settle();
    type('input[data-testid="lead-name"]', 'typed');
    await nextTick();

    const form = formOf(wrapper);
    const done = vi.fn();
    form.dialog.beforeClose(done);
    await vi.waitFor(() => expect($('.el-message-box')?.textContent).toContain('Close it and lose your changes?'), { timeout: 10000 });
    ($('.el-message-box .el-button:not(.el-button--primary)') as HTMLElement).click();
    await settle();
    expect(done).not.toHaveBeenCalled();

    form.dialog.beforeClose(done);
    // the first box may still be leaving: the new one is the last in the document
    const discard = () => [...document.body.querySelectorAll<HTMLElement>('.el-message-box .el-button--primary')].at(-1);
    await vi.waitFor(
      () => {
        discard()?.click();
        expect(done).toHaveBeenCalledTimes(1);
      },
      { timeout: 10000, interval: 200 },
    );
  });

  it('an unchanged form closes without asking', async () => {
    mockNetwork(() => json({ data: [], nextCursor: null, total: 0 }));
    const wrapper = mountLead({ lead });
    await settle();
    const form = formOf(wrapper);
    const done = vi.fn();
    form.dialog.beforeClose(done);
    await settle();
    expect(done).toHaveBeenCalledTimes(1);
    expect($('.el-message-box')).toBeNull();
  });

  it('a 412 offers a reload that keeps the typed change beside the new value, and the next save sends only it with the new version', async () => {
    const fresh = { ...lead, company: '云启科技（新）', notes: 'theirs', version: 4 };
    const { requests } = mockNetwork((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/users') return json({ data: [], nextCursor: null, total: 0 });
      if (request.method === 'GET' && url.pathname === '/api/v1/leads/l-1') return json(fresh);
      if (request.method === 'PATCH') {
        const patches = requests.filter((r) => r.method === 'PATCH').length;
        if (patches === 1) {
          return new Response(JSON.stringify({ type: 'x', title: 'Precondition Failed', status: 412, code: 'STALE_VERSION', currentVersion: 4 }), {
            status: 412,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        }
        return json({ ...fresh, notes: 'mine', version: 5 });
      }
      return json({});
    });
    const saved: unknown[] = [];
    mountLead({ lead, onSaved: (l: unknown) => saved.push(l) });
    await settle();
    const notes = $('[data-testid="lead-form"] textarea') as HTMLTextAreaElement;
    notes.value = 'mine';
    notes.dispatchEvent(new Event('input'));
    await nextTick();
    $('[data-testid="lead-save"]')!.click();
    await vi.waitFor(() => expect($('[data-testid="form-conflict"]')).not.toBeNull());

    $('[data-testid="form-reload-keep"]')!.click();
    // the table lays its columns out a tick after it appears
    await vi.waitFor(() => expect($('[data-testid="form-conflicts"]')?.textContent).toContain('Notes'));
    const table = $('[data-testid="form-conflicts"]')!.textContent!;
    expect(table).toContain('Notes');
    expect(table).toContain('theirs');
    expect(table).toContain('mine');
    expect(($('[data-testid="lead-form"] textarea') as HTMLTextAreaElement).value).toBe('mine');
    expect(($('input[data-testid="lead-company"]') as HTMLInputElement).value).toBe('云启科技（新）');

    $('[data-testid="lead-save"]')!.click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(JSON.parse(patches[1].body)).toEqual({ notes: 'mine', version: 4 });
  });
});
