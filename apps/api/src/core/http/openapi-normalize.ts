import type { OpenAPIObject } from '@nestjs/swagger';
import { problemResponse } from './api-problems';

type Node = Record<string, unknown>;

const ACCEPT_LANGUAGE = {
  name: 'Accept-Language',
  in: 'header' as const,
  required: false,
  description:
    'Language of the messages (problem `title`, `detail`, field `message`) and of files (export headers and labels, ' +
    'import error reports): zh-CN or en-US (any zh-* or en-* tag; q-values honoured). Default: DEFAULT_LOCALE (en-US). Codes never change.',
  schema: { type: 'string', example: 'zh-CN' },
};
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/**
 * House rules the Nest generator cannot express, applied to the whole document once (the contract test in
 * apps/api/test/helpers/contract.ts then holds every response the e2e suite sees to the result):
 * - every number in this API is an integer (money travels as decimal strings), so `type: number` becomes
 *   `integer` unless the field says `format: float` or `double`;
 * - a nullable enum lists `null` among its values (OAS 3.0.3), or strict clients reject a null they were promised;
 * - path parameters are record ids, parsed as UUIDs (`ParseUUIDPipe`): `format: uuid`;
 * - every operation may answer 400 (an unknown query parameter, a malformed id), one with a body 413 and 415,
 *   every POST 422 (an `Idempotency-Key` reused with a different request), and every GET 304 (a conditional GET:
 *   records carry a version ETag, other bodies Express's own); every authenticated one 429 (an API key's rate limit);
 * - every operation takes an optional `Accept-Language` (zh-CN, en-US): problem titles, details and field
 *   messages (and files) follow it; codes never do;
 * - problem schemas are closed (`additionalProperties: false`): an extension field a server sends must be declared
 *   on its problem schema (problem.dto.ts), or typed clients drop it.
 */
export function normalizeOpenApi(doc: OpenAPIObject): void {
  visitSchemas(doc.paths);
  visitSchemas(doc.components);
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (name.endsWith('ProblemDto')) (schema as Node).additionalProperties = false;
  }
  doc.components = { ...doc.components, parameters: { ...doc.components?.parameters, AcceptLanguage: ACCEPT_LANGUAGE } };
  for (const item of Object.values(doc.paths) as Node[]) {
    for (const method of METHODS) {
      const op = item[method] as Node | undefined;
      if (!op) continue;
      const params = (op.parameters ?? []) as Node[];
      for (const p of params) {
        if (p.in === 'path') p.schema = { ...(p.schema as Node), format: 'uuid' };
      }
      // downloads document their own (the file's language); everything else the shared one
      if (!params.some((p) => p.in === 'header' && String(p.name).toLowerCase() === 'accept-language'))
        op.parameters = [...params, { $ref: '#/components/parameters/AcceptLanguage' }];
      const responses = op.responses as Record<string, unknown>;
      const add = (status: number) => (responses[status] ??= problemResponse(status));
      add(400);
      if (op.requestBody) [413, 415].forEach(add);
      if (method === 'post') add(422);
      // an API key's requests count against its rate limit (429 with Retry-After) wherever they go
      if (!op['x-public']) add(429);
      if (method === 'get')
        responses[304] ??= {
          description: 'Not modified: the copy you hold (`If-None-Match` with its ETag) is current',
        };
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}

function visitSchemas(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(visitSchemas);
  if (!node || typeof node !== 'object') return;
  const schema = node as Node;
  if (schema.type === 'number' && schema.format !== 'float' && schema.format !== 'double')
    schema.type = 'integer';
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null))
    schema.enum = [...schema.enum, null];
  Object.values(schema).forEach(visitSchemas);
}
