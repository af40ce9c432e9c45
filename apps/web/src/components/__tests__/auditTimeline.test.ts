import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { useI18n } from 'vue-i18n';
import ActivityTimeline from '@/components/ActivityTimeline.vue';
import { auditTimeline } from '@/components/timeline';
import { useFormat } from '@/composables/useFormat';
import { flush, mountWithApp } from '@/test/mount';
import { json, mockNetwork } from '@/test/http';

const east = '00000000-0000-4000-8000-0000000000e1';
const south = '00000000-0000-4000-8000-0000000000e2';
const rep = '00000000-0000-4000-8000-0000000000a1';
const manager = '00000000-0000-4000-8000-0000000000a2';
const userId = '00000000-0000-4000-8000-000000000099';

/** A user's audit entry as GET /audit-logs answers it: typed changes and the names of the ids it mentions. */
const entry = {
  id: '10000000-0000-4000-8000-000000000001',
  actorId: null,
  actorName: 'Admin',
  action: 'update',
  entityType: 'user',
  entityId: userId,
  requestId: null,
  createdAt: '2026-11-30T02:00:00.000Z',
  changes: [
    { field: 'departmentId', old: east, new: south, type: 'reference', ref: 'department' },
    { field: 'roleIds', old: [rep], new: [manager], type: 'reference', ref: 'role' },
    { field: 'active', old: true, new: false, type: 'boolean' },
    { field: 'mustChangePassword', old: false, new: true, type: 'boolean' },
  ],
  labels: { [east]: '华东销售部', [south]: '华南销售部', [rep]: 'Sales rep', [manager]: 'Sales manager' },
};

/** ActivityTimeline over a user's audit log, worded in the reader's language. */
function mountTimeline() {
  const Host = defineComponent({
    setup() {
      const { t, te } = useI18n();
      const fmt = useFormat();
      return () => h(ActivityTimeline, { load: auditTimeline('user', userId, 20, { t, has: (k) => te(k), fmt }) });
    },
  });
  return mountWithApp(Host);
}

describe("a user's audit timeline", () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows field labels, option labels and names, never raw keys or ids', async () => {
    const net = mockNetwork(() => json({ data: [entry], nextCursor: null, total: 1, totalIsEstimate: false }));
    const wrapper = mountTimeline();
    await flush();
    await flush();
    expect(net.requests[0].url.searchParams.get('entityType')).toBe('user');
    const text = wrapper.find('[data-testid="activity-timeline"]').text();
    expect(text).toContain('Department');
    expect(text).toContain('华东销售部');
    expect(text).toContain('华南销售部');
    expect(text).toContain('Roles');
    expect(text).toContain('Sales manager');
    expect(text).toContain('Must change password');
    for (const raw of ['departmentId', 'roleIds', 'mustChangePassword', east, south, manager, 'true', 'false']) expect(text).not.toContain(raw);
  });

  it('shows "—" for an id the reader may not see named', async () => {
    mockNetwork(() => json({ data: [{ ...entry, changes: [entry.changes[0]], labels: {} }], nextCursor: null, total: 1, totalIsEstimate: false }));
    const wrapper = mountTimeline();
    await flush();
    await flush();
    const change = wrapper.find('[data-testid="timeline-change"]').text();
    expect(change).toContain('—');
    expect(change).not.toContain(east);
  });
});
