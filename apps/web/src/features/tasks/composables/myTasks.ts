import { computed, reactive, ref, shallowRef } from 'vue';
import { describeError } from '@/composables/describeError';
import { type MyTasks, type Task, tasksApi } from '../api';

export const BUCKETS = ['overdue', 'today', 'upcoming'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface TaskSection {
  bucket: Bucket;
  tasks: Task[];
  /** Open tasks in the bucket (the server's count minus those ticked off here). */
  count: number;
  /** How many the list leaves out (the server caps each bucket). */
  hidden: number;
}

/**
 * The three buckets as the widget shows them. Tasks ticked off stay in place (struck through) until
 * the next load, so a mis-click can be undone; they no longer count.
 */
export function taskSections(my: MyTasks | null, done: ReadonlySet<string> = new Set()): TaskSection[] {
  if (!my) return [];
  return BUCKETS.map((bucket) => {
    const tasks = my[bucket];
    const ticked = tasks.filter((t) => done.has(t.id)).length;
    return { bucket, tasks, count: Math.max(0, my.counts[bucket] - ticked), hidden: Math.max(0, my.counts[bucket] - tasks.length) };
  });
}

/** Loads GET /tasks/my and completes (or reopens) a task from a checkbox. */
export function useMyTasks(limit = 10) {
  const data = shallowRef<MyTasks | null>(null);
  const loading = ref(true);
  const error = shallowRef<unknown>(null);
  const done = reactive(new Set<string>());
  const busy = reactive(new Set<string>());

  async function load() {
    loading.value = data.value === null;
    error.value = null;
    try {
      data.value = await tasksApi.my(limit);
      done.clear();
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  function replace(updated: Task) {
    const my = data.value;
    if (!my) return;
    const swap = (list: Task[]) => list.map((t) => (t.id === updated.id ? updated : t));
    data.value = { ...my, overdue: swap(my.overdue), today: swap(my.today), upcoming: swap(my.upcoming) };
  }

  /** Ticks a task off (or back on); answers an error message, or null. */
  async function toggle(task: Task, checked: boolean): Promise<string | null> {
    busy.add(task.id);
    try {
      const current = [...BUCKETS].flatMap((b) => data.value?.[b] ?? []).find((t) => t.id === task.id) ?? task;
      replace(await tasksApi.setDone(current, checked));
      if (checked) done.add(task.id);
      else done.delete(task.id);
      return null;
    } catch (err) {
      return describeError(err);
    } finally {
      busy.delete(task.id);
    }
  }

  const sections = computed(() => taskSections(data.value, done));
  const empty = computed(() => sections.value.every((s) => s.tasks.length === 0));
  return { data, loading, error, done, busy, sections, empty, load, toggle };
}
