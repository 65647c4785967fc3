import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/** The parts of an OpenAPI 3.1 document that the simulators and the contract tests read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    parameters?: Record<string, unknown>;
  };
  security?: Record<string, string[]>[];
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface MediaType {
  schema?: unknown;
}

interface Response {
  content?: Record<string, MediaType>;
}

/** A `$ref` to `#/components/responses/…` or `#/components/parameters/…`. */
interface Reference {
  $ref: string;
}

interface Operation {
  operationId?: string;
  parameters?: (Parameter | Reference)[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, Response | Reference>;
  security?: Record<string, string[]>[];
}

/** One operation of the document, ready to match requests and validate them. */
export interface ContractOperation {
  operationId: string;
  method: string;
  /** The path template as written in the document, e.g. `/import/sources/{id}`. */
  path: string;
  /** True when the operation declares `security: []`. */
  public: boolean;
  match(pathname: string): Record<string, string> | undefined;
  /** Coerces and checks path parameters in place. */
  validatePath(params: Record<string, unknown>): ValidationIssue[];
  /** Coerces and checks query parameters in place (defaults are filled in). */
  validateQuery(query: Record<string, unknown>): ValidationIssue[];
  /** Checks a request body; `contentType` is the media type the client sent. */
  validateBody(body: unknown, contentType: string | undefined): ValidationIssue[];
  /** True when the document says this operation takes a body. */
  hasBody: boolean;
  bodyRequired: boolean;
}

/** One problem with a request or response, naming the field as a dotted path (`source.postgres.port`). */
export interface ValidationIssue {
  location: 'body' | 'query' | 'path' | 'response';
  field: string;
  message: string;
}

export interface Contract {
  document: OpenApiDocument;
  operations: ContractOperation[];
  operation(operationId: string): ContractOperation;
  /** Finds the operation for a method and a concrete path, with its path parameters. */
  route(
    method: string,
    pathname: string,
  ): { operation: ContractOperation; params: Record<string, string> } | undefined;
  /** Checks a response body against the document's schema for that operation and status. */
  validateResponse(operationId: string, status: number, body: unknown): ValidationIssue[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const cache = new Map<string, Contract>();

export function loadDocument(file: string | URL): OpenApiDocument {
  return parseYaml(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** Loads an OpenAPI document once per process and compiles its validators. */
export function loadContract(file: string | URL): Contract {
  const key = String(file);
  let contract = cache.get(key);
  if (!contract) {
    contract = compileContract(loadDocument(file), key);
    cache.set(key, contract);
  }
  return contract;
}

function newAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
  });
  addFormats.default(ajv);
  ajv.addVocabulary(['example', 'externalDocs', 'xml']);
  return ajv;
}

export function compileContract(document: OpenApiDocument, id: string): Contract {
  const base = `urn:contract:${encodeURIComponent(id)}`;
  const rewrite = <T>(schema: T): T =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${base}#/$defs/`)) as T;
  const defs = { $id: base, $defs: rewrite(document.components?.schemas ?? {}) };
  const strictAjv = newAjv(false);
  const coercingAjv = newAjv(true);
  strictAjv.addSchema(defs);
  coercingAjv.addSchema(defs);

  const compileWith = (ajv: Ajv2020, schema: unknown): ValidateFunction =>
    ajv.compile(rewrite(schema) as Record<string, unknown>);

  const operations: ContractOperation[] = [];
  const responseValidators = new Map<string, Map<string, ValidateFunction | null>>();

  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters as (Parameter | Reference)[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const parameters = [...shared, ...(op.parameters ?? [])].map((p) => resolve<Parameter>(document, p));
      const paramSchema = (where: 'query' | 'path') => {
        const list = parameters.filter((p) => p.in === where);
        return {
          type: 'object',
          properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? {}])),
          required: list.filter((p) => p.required || where === 'path').map((p) => p.name),
        };
      };
      const validatePath = compileWith(coercingAjv, paramSchema('path'));
      const validateQuery = compileWith(coercingAjv, paramSchema('query'));
      const bodies = new Map<string, ValidateFunction>();
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        bodies.set(
          type,
          compileWith(type === 'application/json' ? strictAjv : coercingAjv, media.schema ?? {}),
        );
      }
      const responses = new Map<string, ValidateFunction | null>();
      for (const [status, ref] of Object.entries(op.responses ?? {})) {
        const response = resolve<Response>(document, ref);
        const schema = response.content?.['application/json']?.schema;
        responses.set(status, schema === undefined ? null : compileWith(strictAjv, schema));
      }
      responseValidators.set(op.operationId, responses);

      const names: string[] = [];
      const pattern = new RegExp(
        `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        })}$`,
      );
      const security = op.security ?? document.security ?? [];
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        public: security.length === 0,
        hasBody: bodies.size > 0,
        bodyRequired: op.requestBody?.required === true,
        match(pathname) {
          const found = pattern.exec(pathname);
          if (!found) return undefined;
          return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
        },
        validatePath: (params) => issues(validatePath, params, 'path'),
        validateQuery: (query) => issues(validateQuery, query, 'query'),
        validateBody(body, contentType) {
          const type = (contentType ?? 'application/json').split(';')[0]?.trim() ?? '';
          const validate = bodies.get(type);
          if (!validate) {
            return [
              { location: 'body', field: '', message: `content type ${type || '(none)'} is not accepted` },
            ];
          }
          return issues(validate, body, 'body');
        },
      });
    }
  }
  // Literal path segments win over parameters: `/data-sources/by-ids` before `/data-sources/{id}`.
  const ordered = [...operations].sort((a, b) => paramCount(a.path) - paramCount(b.path));

  return {
    document,
    operations,
    operation(operationId) {
      const found = operations.find((op) => op.operationId === operationId);
      if (!found) throw new Error(`no operation ${operationId} in ${document.info.title}`);
      return found;
    },
    route(method, pathname) {
      for (const operation of ordered) {
        if (operation.method !== method) continue;
        const params = operation.match(pathname);
        if (params) return { operation, params };
      }
      return undefined;
    },
    validateResponse(operationId, status, body) {
      const responses = responseValidators.get(operationId);
      if (!responses) throw new Error(`no operation ${operationId} in ${document.info.title}`);
      // A response without a body maps to null, which must not read as undocumented.
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses.has(k));
      const validate = key === undefined ? undefined : responses.get(key);
      if (validate === undefined) {
        return [
          {
            location: 'response',
            field: '',
            message: `status ${status} is not documented for ${operationId}`,
          },
        ];
      }
      return validate === null ? [] : issues(validate, body, 'response');
    },
  };
}

/** Follows a local `#/components/<kind>/<name>` reference; anything else is returned as is. */
function resolve<T>(document: OpenApiDocument, value: T | Reference): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value;
  const [, kind, name] = /^#\/components\/(responses|parameters)\/(.+)$/.exec(value.$ref) ?? [];
  const target = kind && name ? document.components?.[kind as 'responses' | 'parameters']?.[name] : undefined;
  if (target === undefined) throw new Error(`cannot resolve ${value.$ref}`);
  return target as T;
}

function paramCount(path: string): number {
  return (path.match(/\{/g) ?? []).length;
}

function issues(
  validate: ValidateFunction,
  value: unknown,
  location: ValidationIssue['location'],
): ValidationIssue[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => toIssue(error, location));
}

function toIssue(error: ErrorObject, location: ValidationIssue['location']): ValidationIssue {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty;
  if (extra !== undefined) segments.push(extra);
  const field = segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = 'is not a known field';
  if (error.keyword === 'required') message = 'is required';
  if (error.keyword === 'enum') {
    message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { location, field, message };
}
