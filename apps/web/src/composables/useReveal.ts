import { watch, type WatchSource } from 'vue';

/**
 * The audited reveal of one record's masked fields, for every record kind: `POST /<kind>/{id}/reveal`
 * answers `{ id, <field>: value, ... }`. The first field a user reveals fetches all of them (one audit
 * entry); the others reuse that answer until the record changes. A failed reveal is retried next time.
 */
export function useReveal<R extends object>(id: WatchSource<string>, reveal: (id: string) => Promise<R>, version?: WatchSource<unknown>) {
  let current = '';
  let revealed: Promise<R> | null = null;

  // a new record, or a new version of it (an edit may have changed the phone), forgets the revealed values
  watch(
    [id, version ?? (() => 0)] as const,
    ([value]) => {
      current = value;
      revealed = null;
    },
    { immediate: true },
  );

  /** For MaskedValue's `reveal` prop: the full value of `field`, or null when the record has none. */
  const revealField = (field: keyof R) => async (): Promise<string | null> => {
    revealed ??= reveal(current).catch((err) => {
      revealed = null;
      throw err;
    });
    return ((await revealed)[field] as string | null | undefined) ?? null;
  };

  return { revealField };
}
