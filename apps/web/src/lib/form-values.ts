/** A form's text value as the API wants it: trimmed, an empty text becomes null. */
export function nullable(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return value === undefined ? null : value;
}

/** Every field of `model` cleaned with {@link nullable}; null fields left out (for a create). */
export function createBody<T extends Record<string, unknown>>(model: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) {
    const clean = nullable(value);
    if (clean !== null && !(Array.isArray(clean) && clean.length === 0 && key !== 'tags')) out[key] = clean;
  }
  return out as Partial<T>;
}

/**
 * Only the fields that changed from `initial` (for a PATCH): a masked phone the user did not touch
 * is never sent back, and an unchanged record sends nothing but its version.
 */
export function changedBody<T extends Record<string, unknown>>(initial: T, model: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(model)) {
    const before = nullable(initial[key]);
    const after = nullable(model[key]);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    // custom field values: only the keys that changed (a masked value sent back unchanged would not validate)
    if (key === 'custom' && isObject(before) && isObject(after)) {
      out[key] = changedCustom(before, after);
    } else out[key] = after;
  }
  return out as Partial<T>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Custom field values (`custom`) that differ from `before`: a masked value sent back unchanged would not validate. */
export function changedCustom(before: Record<string, unknown> | null | undefined, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(before?.[k] ?? null)));
}
