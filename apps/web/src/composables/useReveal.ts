import { watch, type WatchSource } from 'vue';

/**
 * The audited reveal of one record's masked fields, for every record kind: `POST /<kind>/{id}/reveal`
 * answers `{ id, <field>: value, ... }`. The first field a user reveals fetches all of them (one audit
 * entry); the others reuse that answer until the record changes. A failed reveal is retried next time.
 */
export function useReveal<R extends object>(id: WatchSource<string>, reveal: (id: string) => Promise<R>) {
  let current = '';
  let revealed: Promise<R> | null = null;

  watch(
    id,
    (value) => {
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
