import type { OpenAPIObject } from '@nestjs/swagger';
import type { CustomField } from './custom-field.entity';
import type { CustomFieldsService } from './custom-fields.service';

type Schema = Record<string, unknown>;

/** The JSON schema of one field's value. */
function valueSchema(d: CustomField): Schema {
  const base: Schema = { nullable: true, description: `${d.labelEn} / ${d.labelZh}${d.helpEn ? ` — ${d.helpEn}` : ''}` };
  const active = d.options.filter((o) => !o.retired).map((o) => o.key);
  switch (d.type) {
    case 'number':
      return { ...base, type: 'number' };
    case 'money':
      return { ...base, type: 'string', pattern: '^-?\\d+(\\.\\d{1,2})?$', example: '12500.00' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time' };
    case 'email':
      return { ...base, type: 'string', format: 'email' };
    case 'url':
      return { ...base, type: 'string', format: 'uri' };
    case 'user':
    case 'reference':
      return { ...base, type: 'string', format: 'uuid', ...(d.refKind ? { 'x-ref-kind': d.refKind } : {}) };
    case 'select':
      return { ...base, type: 'string', enum: d.options.map((o) => o.key), 'x-active-options': active };
    case 'multiSelect':
      return { ...base, type: 'array', items: { type: 'string', enum: d.options.map((o) => o.key) } };
    default:
      return { ...base, type: 'string', maxLength: d.type === 'longText' ? 10000 : 500 };
  }
}

const schemaName = (kind: string) => `${kind[0].toUpperCase()}${kind.slice(1)}CustomFields`;

/**
 * The live OpenAPI document (/docs-json): every `custom` property marked `x-custom-kind` becomes a typed
 * object of the kind's current fields (`<Kind>CustomFields`). The static openapi.yaml keeps the generic
 * object: it is generated without a tenant's fields.
 */
export async function withCustomFields(doc: OpenAPIObject, fields: CustomFieldsService): Promise<OpenAPIObject> {
  try {
    await fields.refreshSnapshot();
  } catch {
    return doc;
  }
  const out = structuredClone(doc) as OpenAPIObject;
  const schemas = (out.components?.schemas ?? {}) as Record<string, Schema>;
  const live = fields.liveSnapshot();
  for (const [kind, defs] of live) {
    const props: Record<string, Schema> = {};
    for (const d of defs) if (!d.deletedAt) props[d.key] = valueSchema(d);
    schemas[schemaName(kind)] = { type: 'object', additionalProperties: false, properties: props, description: `Custom fields of ${kind}, as defined now` };
  }
  for (const schema of Object.values(schemas)) {
    const properties = schema.properties as Record<string, Schema> | undefined;
    for (const [name, prop] of Object.entries(properties ?? {})) {
      const kind = prop['x-custom-kind'];
      if (typeof kind === 'string' && live.has(kind)) properties![name] = { allOf: [{ $ref: `#/components/schemas/${schemaName(kind)}` }], description: prop.description };
    }
  }
  return out;
}
