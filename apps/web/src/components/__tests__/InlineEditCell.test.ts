import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { ApiError } from '@/api/client';
import InlineEditCell from '@/components/InlineEditCell.vue';
import { useRecordInlineEdit } from '@/composables/useRecordInlineEdit';
import { flush, mountWithApp } from '@/test/mount';

interface Row {
  id: string;
  version: number;
  industry: string | null;
  actions: string[];
}

const row = (over: Partial<Row> = {}): Row => ({ id: 'a1', version: 2, industry: '制造', actions: ['edit', 'delete'], ...over });
const stale = () => new ApiError({ type: 'about:blank', title: 'stale', status: 412, code: 'STALE_VERSION' } as never, null);

/** A cell of a record kind's inline edit (useRecordInlineEdit), the way list pages and summaries use it. */
function mountCell(record: Row, api: { update: (id: string, body: never) => Promise<Row>; get: (id: string) => Promise<Row> }) {
  const Host = defineComponent({
    setup() {
      const inline = useRecordInlineEdit<Row>(api);
      return () => h(InlineEditCell as never, { inline, row: record, field: 'industry' });
    },
  });
  return mountWithApp(Host);
}

const settle = async () => {
  await flush();
  await nextTick();
};

describe('InlineEditCell with a record kind inline edit', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('saves the typed value with the version in the body and shows the saved record', async () => {
    const update = vi.fn(async (_id: string, body: never) => row({ ...(body as object), version: 3 }));
    const wrapper = mountCell(row(), { update, get: vi.fn() });
    expect(wrapper.find('[data-testid="inline-value-industry"]').text()).toBe('制造');
    await wrapper.find('[data-testid="inline-edit-industry"]').trigger('click');
    await nextTick();
    await wrapper.find('input[data-testid="inline-input-industry"]').setValue('软件');
    await wrapper.find('[data-testid="inline-save-industry"]').trigger('click');
    await settle();
    expect(update).toHaveBeenCalledWith('a1', { industry: '软件', version: 2 });
    expect(wrapper.find('[data-testid="inline-input-industry"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="inline-value-industry"]').text()).toBe('软件');
  });

  it('offers no pencil when the record does not offer edit (locked, converted, out of scope)', async () => {
    const wrapper = mountCell(row({ actions: ['reveal'] }), { update: vi.fn(), get: vi.fn() });
    expect(wrapper.find('[data-testid="inline-value-industry"]').text()).toBe('制造');
    expect(wrapper.find('[data-testid="inline-edit-industry"]').exists()).toBe(false);
    await wrapper.find('[data-testid="inline-value-industry"]').trigger('dblclick');
    await nextTick();
    expect(wrapper.find('[data-testid="inline-input-industry"]').exists()).toBe(false);
  });

  it('on 412 keeps the typed value and shows the value someone else saved', async () => {
    const update = vi.fn().mockRejectedValueOnce(stale());
    const get = vi.fn(async () => row({ version: 4, industry: '零售' }));
    const wrapper = mountCell(row(), { update, get });
    await wrapper.find('[data-testid="inline-edit-industry"]').trigger('click');
    await nextTick();
    await wrapper.find('input[data-testid="inline-input-industry"]').setValue('软件');
    await wrapper.find('[data-testid="inline-save-industry"]').trigger('click');
    await settle();
    expect(get).toHaveBeenCalledWith('a1');
    expect((wrapper.find('input[data-testid="inline-input-industry"]').element as HTMLInputElement).value).toBe('软件');
    expect(wrapper.find('[data-testid="inline-error-industry"]').text()).toContain('零售');
  });
});
