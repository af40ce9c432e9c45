import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { MyTasks, Task } from '@/features/tasks/api';
import MyTasksWidget from '@/features/tasks/components/MyTasksWidget.vue';
import { taskSections } from '@/features/tasks/composables/myTasks';
import { useAuthStore } from '@/stores/auth';
import { adminMe, json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

const task = (id: string, title: string, dueAt: string, over: Partial<Task> = {}): Task =>
  ({
    id,
    title,
    dueAt,
    status: 'open',
    priority: 'normal',
    overdue: false,
    assigneeId: 'u-1',
    assigneeName: 'Li Lei',
    leadId: 'l-1',
    leadName: 'James Wilson',
    accountId: null,
    accountName: null,
    contactId: null,
    contactName: null,
    description: null,
    remindAt: null,
    version: 1,
    ...over,
  }) as Task;

const my = (): MyTasks => ({
  overdue: [task('t-1', 'Call back Wang', '2026-11-19T02:00:00Z', { overdue: true, priority: 'high' })],
  today: [task('t-2', 'Prepare the demo', '2026-11-22T08:00:00Z'), task('t-3', 'Send the quote', '2026-11-22T09:00:00Z')],
  upcoming: [],
  counts: { overdue: 1, today: 5, upcoming: 0 },
  timezone: 'Asia/Shanghai',
});

describe('my tasks', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows the three buckets in order with their counts and how many the lists leave out', () => {
    const sections = taskSections(my());
    expect(sections.map((s) => [s.bucket, s.tasks.length, s.count, s.hidden])).toEqual([
      ['overdue', 1, 1, 0],
      ['today', 2, 5, 3],
      ['upcoming', 0, 0, 0],
    ]);
    // ticked-off tasks stay listed but no longer count
    expect(taskSections(my(), new Set(['t-2']))[1].count).toBe(4);
    expect(taskSections(null)).toEqual([]);
  });

  it('renders the buckets on the home page and completes a task from its checkbox', async () => {
    const { requests } = mockNetwork(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/auth/me') {
        return json({ ...adminMe, permissions: [{ module: 'tasks', actions: ['read', 'create', 'update'], scope: 'own' }] });
      }
      if (url.pathname === '/api/v1/tasks/my') return json(my());
      if (url.pathname === '/api/v1/tasks/t-2' && request.method === 'PATCH') {
        return json({ ...my().today[0], status: 'done', version: 2, ...(await request.json()) });
      }
      return json({}, 404);
    });
    const wrapper = mountWithApp(MyTasksWidget as never, { global: { stubs: { 'router-link': { template: '<a><slot /></a>' } } } } as never);
    await useAuthStore().loadMe();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="my-task"]')).toHaveLength(3));

    const overdue = wrapper.find('[data-testid="my-tasks-overdue"]');
    expect(overdue.text()).toContain('Overdue');
    expect(overdue.text()).toContain('Call back Wang');
    expect(overdue.text()).toContain('High');
    const today = wrapper.find('[data-testid="my-tasks-today"]');
    expect(today.find('[data-testid="bucket-count"]').text()).toContain('5');
    expect(today.text()).toContain('3 more');
    expect(wrapper.find('[data-testid="my-tasks-upcoming"]').text()).toContain('Nothing here');

    await today.find('[data-testid="my-task-done"] input').setValue(true);
    await vi.waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/v1/tasks/t-2');
    expect(JSON.parse(patch.body)).toEqual({ status: 'done', version: 1 });
    await flush();
    await nextTick();
    expect(today.find('li.ky-done').text()).toContain('Prepare the demo');
    expect(today.find('[data-testid="bucket-count"]').text()).toContain('4');
  });
});
