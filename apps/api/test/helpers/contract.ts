import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Checks every response the e2e suite receives against the committed `openapi.yaml`: the status is documented
 * for the operation, the media type is one the operation declares, and a JSON body matches its schema.
 * Violations are collected per spec file and fail it in `contract-setup.ts` (afterAll), so drift fails `pnpm test`.
 */

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  literal: number;
  pointer: string;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export interface ResponseSeen {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
  text: string | undefined;
}

const violations: string[] = [];
let contract: { ajv: Ajv; operations: Operation[]; compiled: Map<string, ValidateFunction> } | undefined;

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function load() {
  if (contract) return contract;
  const doc = readDocument();
  // OAS 3.0 schema objects are JSON Schema plus `nullable` (which Ajv implements) and a few annotations.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, validateSchema: false });
  addFormats(ajv);
  for (const f of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) ajv.addFormat(f, true);
  ajv.addSchema({ components: toJsonSchema(doc.components, false) } as Json, 'openapi');
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
        ),
        literal: template.replace(/\{[^}]+\}/g, '').length,
        pointer: `/paths/${esc(template)}/${method}`,
        responses: (op as Json).responses as Operation['responses'],
      });
    }
  }
  // A literal segment wins over a parameter (`/leads/export` before `/leads/{id}`).
  operations.sort((a, b) => b.literal - a.literal);
  contract = { ajv, operations, compiled: new Map() };
  return contract;
}

/** openapi.yaml, parsed once per version of the file: YAML parsing costs seconds on a busy machine, JSON milliseconds. */
function readDocument(): Json {
  const text = readFileSync(join(__dirname, '../../../../openapi.yaml'), 'utf8');
  const cache = join(
    tmpdir(),
    `keyuan-openapi-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`,
  );
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Json;
  const doc = parse(text) as Json;
  const partial = `${cache}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(doc));
  renameSync(partial, cache);
  return doc;
}

/**
 * OAS 3.0 → what Ajv reads: `#/components/...` refs point into the document registered as `openapi`, and
 * a nullable `allOf`/`oneOf`/`anyOf` (a nullable `$ref`, which Ajv's own `nullable` cannot express) becomes
 * `anyOf [..., null]`, as typed-client generators read it. A plain nullable type stays with Ajv's `nullable`,
 * which still rejects a null that a nullable enum does not list.
 */
function toJsonSchema(schema: unknown, rebaseRefs: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, rebaseRefs));
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === '$ref' && rebaseRefs && typeof v === 'string' && v.startsWith('#/')
        ? `openapi${v}`
        : toJsonSchema(v, rebaseRefs),
    ]),
  );
  if (out.nullable !== true || !('allOf' in out || 'oneOf' in out || 'anyOf' in out)) return out;
  const { nullable: _nullable, type: _type, ...rest } = out;
  return { anyOf: [rest, { type: 'null' }] };
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/** Returns the problems of one response; empty when it holds to the contract or its path is not an API operation. */
export function checkResponse(r: ResponseSeen): string[] {
  const { ajv, operations, compiled } = load();
  const path = new URL(r.url, 'http://x').pathname;
  const op = operations.find((o) => o.method === r.method && o.pattern.test(path));
  // A 5xx is a server fault, not a contract question: the spec's own status assertion reports it (and a test
  // torn down after a timeout would otherwise add a second, misleading failure).
  if (!op || r.status >= 500) return [];
  const where = `${r.method} ${path} → ${r.status} (${op.template})`;
  const status = String(r.status);
  const declared = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  if (!declared)
    return [
      `${where}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`,
    ];
  const mediaType = r.contentType?.split(';')[0].trim().toLowerCase();
  const hasBody = !!r.text || (Buffer.isBuffer(r.body) && r.body.length > 0);
  if (!declared.content) return hasBody ? [`${where}: a ${mediaType} body where none is documented`] : [];
  if (!mediaType || !(mediaType in declared.content)) {
    return [
      `${where}: media type ${mediaType ?? '(none)'} is not documented (documented: ${Object.keys(declared.content).join(', ')})`,
    ];
  }
  const schema = declared.content[mediaType].schema;
  if (!schema || !isJson(mediaType)) return [];
  const key = `${op.pointer}/${status}/${mediaType}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema, true) as Json);
    compiled.set(key, validate);
  }
  if (validate(r.body)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${where}: body${e.instancePath || ''} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''} [schema ${e.schemaPath}]`,
  );
}

export function recordResponse(r: ResponseSeen): void {
  violations.push(...checkResponse(r));
}

/** The violations collected so far in this spec file; taking them clears the list. */
export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}
