export interface Messages {
  [key: string]: string | Messages;
}

/** `{ './leads.json': module }` → `{ leads: messages }`. */
export function messagesOf(files: Record<string, { default: Record<string, unknown> }>): Messages {
  const out: Messages = {};
  for (const [path, mod] of Object.entries(files)) {
    const feature = /([^/]+)\.json$/.exec(path)?.[1];
    if (feature) out[feature] = mod.default as Messages;
  }
  return out;
}
