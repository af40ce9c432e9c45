import { ref, shallowRef } from 'vue';
import { ApiError } from '@/api/client';
import type { Schema } from '@keyuan/sdk';

export type DuplicateMatch = Schema<'DuplicateMatchDto'>;

/** The matches of a 409 DUPLICATE_FOUND answer, or null for any other error. */
export function duplicateMatchesOf(error: unknown): DuplicateMatch[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const { code, matches } = error.problem as { code?: string; matches?: unknown };
  if (code !== 'DUPLICATE_FOUND' || !Array.isArray(matches)) return null;
  return matches as DuplicateMatch[];
}

/** The detail page of a match the user may open (el-table rows come untyped, hence `unknown`). */
export function duplicateRoute(row: unknown): { name: string; params: { id: string } } | null {
  const m = row as DuplicateMatch;
  return m.id && m.visible ? { name: `${m.entityType}-detail`, params: { id: m.id } } : null;
}

/**
 * A create or update that the API may refuse with 409 DUPLICATE_FOUND: the matches are shown
 * (bind `open`, `matches`, `confirm`, `cancel` to DuplicateMatchesDialog) and "create anyway"
 * repeats the call with `allowDuplicate`. Cancelling resolves to undefined; other errors throw.
 */
export function useDuplicateGuard() {
  const open = ref(false);
  const matches = shallowRef<DuplicateMatch[]>([]);
  let decide: ((proceed: boolean) => void) | null = null;

  async function run<R>(call: (allowDuplicate: boolean) => Promise<R>): Promise<R | undefined> {
    try {
      return await call(false);
    } catch (err) {
      const found = duplicateMatchesOf(err);
      if (!found) throw err;
      matches.value = found;
      open.value = true;
      const proceed = await new Promise<boolean>((resolve) => {
        decide = resolve;
      });
      decide = null;
      open.value = false;
      return proceed ? call(true) : undefined;
    }
  }

  const confirm = () => decide?.(true);
  const cancel = () => decide?.(false);

  return { open, matches, run, confirm, cancel };
}
