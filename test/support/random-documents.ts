import fc from 'fast-check';
import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** A GraphQL request a client might send: mostly shaped by the schema, often wrong in small ways. */
export interface RandomRequest {
  document: string;
  variables: Record<string, unknown>;
}

/** Draws values inside a property: `fc.gen()`. */
type Draw = fc.GeneratorValue;

/** An enum value in a literal (printed bare, sent as a string in variables). */
class EnumValue {
  constructor(readonly name: string) {}
}

const name = /^[_A-Za-z][_0-9A-Za-z]*$/;
const wrongTypes = ['String', 'Int', 'ID!', '[String]', 'Boolean', 'JSON', 'Nope'];

/** A random request built from `schema`; `ids` are real ids, so some requests find data. */
export function randomRequest(schema: GraphQLSchema, g: Draw, ids: readonly string[]): RandomRequest {
  const shape = g(fc.integer, { min: 0, max: 99 });
  if (shape < 8) return { document: g(fc.string, { unit: 'binary', maxLength: 80 }), variables: {} };
  const built = new RequestBuilder(schema, g, ids).build();
  // A document cut short is what a broken client or a truncated body sends.
  if (shape < 16) built.document = built.document.slice(0, g(fc.nat, built.document.length));
  return built;
}

class RequestBuilder {
  private readonly declarations: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  /** A careful client's documents are valid and reach the resolvers; a sloppy one's are often refused. */
  private readonly sloppy: boolean;
  private aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly g: Draw,
    private readonly ids: readonly string[],
  ) {
    this.sloppy = this.chance(40);
  }

  build(): RandomRequest {
    const mutation = this.schema.getMutationType();
    const root = mutation && this.chance(25) ? mutation : this.schema.getQueryType();
    if (!root) throw new Error('the schema has no Query type');
    const selection = this.selectionSet(root, 0);
    if (this.mistake(10)) this.variables[this.pick(['extra', 'first', 'id'])] = this.junk();
    const operation = root === mutation ? 'mutation' : 'query';
    const header = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    return { document: `${operation} Fuzz${header} ${selection}`, variables: this.variables };
  }

  private selectionSet(type: GraphQLCompositeType, depth: number): string {
    const count = this.g(fc.integer, { min: 1, max: Math.max(1, 4 - depth) });
    const names = new Set<string>();
    return `{ ${Array.from({ length: count }, () => this.selection(type, depth, names)).join(' ')} }`;
  }

  private selection(type: GraphQLCompositeType, depth: number, names: Set<string>): string {
    const roll = this.g(fc.integer, { min: 0, max: 99 });
    if (roll < 5 && this.sloppy) return this.g(fc.constantFrom, 'nope', '__schema', 'id(x: 1)', '...Missing');
    if (roll < 12 || isUnionType(type)) {
      if (isAbstractType(type) && this.chance(70)) {
        const possible = this.pick(this.schema.getPossibleTypes(type));
        return `... on ${possible.name} ${this.selectionSet(possible, depth + 1)}`;
      }
      return '__typename';
    }
    return this.field(this.pick(Object.values(type.getFields())), depth, names);
  }

  /** A field; a careful client aliases a field it asks for twice, so the two never conflict. */
  private field(field: GraphQLField<unknown, unknown>, depth: number, names: Set<string>): string {
    let alias = '';
    if (this.sloppy && this.chance(10)) alias = `${this.pick(['a', 'id', 'name'])}: `;
    if (!this.sloppy && (names.has(field.name) || this.chance(5))) alias = `a${this.aliases++}: `;
    names.add(field.name);
    const args = field.args
      .filter((arg) => (isNonNullType(arg.type) ? !this.mistake(10) : this.chance(35)))
      .map((arg) => `${arg.name}: ${this.argument(arg.type)}`);
    const directive = this.chance(8) ? ` ${this.directive()}` : '';
    const type = getNamedType(field.type);
    let selection = '';
    if (isCompositeType(type))
      selection = ` ${depth < 10 ? this.selectionSet(type, depth + 1) : '{ __typename }'}`;
    else if (this.mistake(3)) selection = ' { id }';
    return `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}${selection}`;
  }

  private directive(): string {
    const condition = this.chance(50) ? String(this.chance(50)) : this.variable('Boolean!', this.chance(50));
    const directives = ['@include', '@skip', ...(this.sloppy ? ['@deprecated', '@oneOf'] : [])];
    return `${this.pick(directives)}(if: ${condition})`;
  }

  /** A literal or a variable, usually of the argument's type. */
  private argument(type: GraphQLInputType): string {
    if (this.chance(30)) {
      const declared = this.mistake(20) ? this.pick(wrongTypes) : String(type);
      return this.variable(declared, this.mistake(15) ? undefined : this.value(type, 0));
    }
    return literal(this.value(type, 0));
  }

  private variable(type: string, value: unknown): string {
    const variable = `v${this.declarations.length}`;
    this.declarations.push(`$${variable}: ${type}`);
    if (value !== undefined) this.variables[variable] = json(value);
    return `$${variable}`;
  }

  private value(type: GraphQLInputType, depth: number): unknown {
    if (this.mistake(8)) return this.junk();
    if (isNonNullType(type)) return this.mistake(5) ? null : this.nonNullValue(type.ofType, depth);
    return this.chance(8) ? null : this.nonNullValue(type, depth);
  }

  private nonNullValue(type: GraphQLInputType, depth: number): unknown {
    if (isListType(type)) {
      const length = this.g(fc.integer, { min: 0, max: 3 });
      return Array.from({ length }, () => this.value(type.ofType, depth + 1));
    }
    if (isEnumType(type)) return new EnumValue(this.pick(type.getValues()).name);
    if (isInputObjectType(type)) {
      if (depth > 5) return {};
      const fields = Object.values(type.getFields());
      const chosen = type.isOneOf
        ? [this.pick(fields)]
        : fields.filter((f) => (isNonNullType(f.type) ? !this.mistake(5) : this.chance(40)));
      return Object.fromEntries(chosen.map((f) => [f.name, this.value(f.type, depth + 1)]));
    }
    switch (type.name) {
      case 'Int':
        if (this.mistake(30)) return this.g(() => fc.oneof(fc.integer(), fc.constant(2 ** 31)));
        return this.g(fc.integer, { min: -2, max: 600 });
      case 'Float':
        return this.g(fc.double, { noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return this.chance(50);
      case 'ID':
        return this.id();
      case 'DateTime':
        return this.chance(50)
          ? new Date(this.g(fc.integer, { min: 0, max: 4e12 })).toISOString()
          : this.text();
      case 'JSON':
        return this.g(fc.jsonValue, { maxDepth: 2 });
      default:
        return this.text();
    }
  }

  /** A real id, an id of the right form for a record that does not exist, or anything at all. */
  private id(): string {
    const roll = this.g(fc.integer, { min: 0, max: 99 });
    if (roll < 45 && this.ids.length) return this.pick(this.ids);
    if (roll < 75) {
      const typename = this.pick(Object.values(this.schema.getTypeMap()).filter(isObjectType)).name;
      return Buffer.from(`${typename}:${this.text()}`).toString('base64url');
    }
    return this.text();
  }

  private text(): string {
    return this.g(() =>
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.constantFrom('*', '*PROD*', '%', '../..', "' OR 1=1 --", 'a'.repeat(300), ''),
      ),
    );
  }

  private junk(): unknown {
    return this.g(() =>
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
        fc.dictionary(fc.stringMatching(name), fc.integer(), { maxKeys: 3 }),
      ),
    );
  }

  /** A deliberate mistake, made only in a sloppy client's documents. */
  private mistake(percent: number): boolean {
    return this.sloppy && this.chance(percent);
  }

  private chance(percent: number): boolean {
    return this.g(fc.integer, { min: 0, max: 99 }) < percent;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.g(fc.nat, items.length - 1)] as T;
  }
}

/** A value as a GraphQL literal (keys that are not names are left out). */
function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([key]) => name.test(key));
    return `{ ${entries.map(([key, v]) => `${key}: ${literal(v)}`).join(', ')} }`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

/** A value as it travels in `variables`. */
function json(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(json);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, json(v)]));
  return value;
}
