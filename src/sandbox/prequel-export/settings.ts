import type { OpenApiDocument } from '../kit/index.js';

/** A vendor settings block as JSON: what was sent, secrets included (the store keeps it whole). */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** PATCH semantics inside a vendor block: objects merge key by key, anything else replaces. */
export function mergeSettings(stored: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isJsonObject(current) && isJsonObject(value) ? mergeSettings(current, value) : value;
  }
  return out;
}

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  type?: string | string[];
};

/**
 * Keeps only what the response schema of a vendor block lists, so secrets (absent from those
 * schemas) can never leave the simulator; objects left empty are dropped.
 */
export function createProjector(
  document: OpenApiDocument,
): (vendor: string, settings: JsonObject) => JsonObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const resolve = (node: SchemaNode): SchemaNode => {
    let current = node;
    while (current.$ref !== undefined) {
      const name = current.$ref.split('/').at(-1) ?? '';
      const target = schemas[name];
      if (!target) throw new Error(`unresolved schema ${current.$ref}`);
      current = target;
    }
    return current;
  };
  const project = (value: JsonObject, schema: SchemaNode): JsonObject => {
    const properties = resolve(schema).properties ?? {};
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties[key];
      if (childSchema === undefined) continue;
      if (isJsonObject(child) && resolve(childSchema).properties !== undefined) {
        const inner = project(child, childSchema);
        if (Object.keys(inner).length > 0) out[key] = inner;
      } else {
        out[key] = child;
      }
    }
    return out;
  };
  const destination = schemas.Destination;
  if (!destination?.properties) throw new Error('the document has no Destination schema');
  const blocks = destination.properties;
  return (vendor, settings) => {
    const schema = blocks[vendor];
    if (!schema) throw new Error(`no response schema for vendor ${vendor}`);
    return project(settings, schema);
  };
}
