import { parse } from 'node:querystring';

/**
 * Express's query parser (the default `simple` one, node:querystring) with `custom.<key>` parameters
 * gathered into one `custom` object, so list DTOs take custom field filters as one whitelisted property.
 * A list without custom fields still refuses them (`custom` is an unknown parameter there).
 */
export function parseQuery(str: string): Record<string, unknown> {
  const q = parse(str) as Record<string, unknown>;
  let custom: Record<string, unknown> | undefined;
  for (const name of Object.keys(q)) {
    if (!name.startsWith('custom.')) continue;
    custom ??= Object.create(null) as Record<string, unknown>;
    custom[name.slice('custom.'.length)] = q[name];
    delete q[name];
  }
  if (custom) q.custom = { ...custom };
  return q;
}
