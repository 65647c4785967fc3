import {
  type ConstDirectiveNode,
  type DefinitionNode,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  isInterfaceType,
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
} from 'graphql';
import { nodeTypenames } from './builder.js';
import type { GatewayContext } from './context.js';
import { badInput } from './errors.js';
import { idArgument, notAnIdMessage, readGlobalId } from './ids.js';
import { loadNode } from './node-loaders.js';
import { withArticle } from './wording.js';

/**
 * What the SDL adds to the public schema: the Federation version and imports, and `@oneOf`, which
 * graphql-js knows but Apollo's composition does not yet (apollographql/federation#3437).
 */
const federationPreamble = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
directive @oneOf on INPUT_OBJECT
`;

/**
 * Turns the gateway schema into an Apollo Federation v2 subgraph: every implementation of
 * `entityInterface` becomes an entity keyed by its global `id`, and Query gains `_entities` and
 * `_service`. The schema it is given is left as it is.
 */
export function toSubgraphSchema(schema: GraphQLSchema, entityInterface = 'DataSource'): GraphQLSchema {
  const shared = schema.getType(entityInterface);
  const query = schema.getQueryType();
  if (!isInterfaceType(shared) || !query) throw new Error(`the schema has no ${entityInterface} interface`);
  const entities = schema.getPossibleTypes(shared);
  const entityNames = entities.map((entity) => entity.name);
  const sdl = subgraphSdl(schema, entityNames);

  const queryConfig = query.toConfig();
  const subgraphQuery = new GraphQLObjectType({
    ...queryConfig,
    fields: {
      ...queryConfig.fields,
      _entities: {
        type: new GraphQLNonNull(
          new GraphQLList(
            new GraphQLUnionType({
              name: '_Entity',
              description: 'Any entity of this subgraph: a data source type, keyed by its global `id`.',
              types: entities,
            }),
          ),
        ),
        description: `The entities a router asks for (${entityNames.join(', ')}), one per representation, in order.`,
        args: {
          representations: {
            type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(anyType))),
            description:
              "The entities to fetch, each as `{ __typename, id }`; at most the gateway's MAX_NODES setting.",
          },
        },
        resolve: (_root, args: { representations: unknown[] }, context: GatewayContext) => {
          const { representations } = args;
          if (representations.length > context.limits.maxNodes) {
            throw badInput(
              `\`_entities\` takes at most ${context.limits.maxNodes} representations, got ${representations.length}`,
              'representations',
            );
          }
          // One settled entry each, never a rejection: a bad representation is null with its own
          // error at its index. (The compiled executor appends a rejected item instead of placing it
          // at its index, which shortened the list when the last representation was bad.)
          return Promise.all(
            representations.map((representation, index) =>
              resolveReference(representation, index, entityNames, context),
            ),
          );
        },
      },
      _service: {
        type: new GraphQLNonNull(serviceType),
        description: 'This subgraph described for composition: its SDL with the federation directives.',
        resolve: () => ({ sdl }),
      },
    },
  });
  const config = schema.toConfig();
  return lexicographicSortSchema(
    new GraphQLSchema({
      ...config,
      query: subgraphQuery,
      types: [...config.types.filter((type) => type !== query), subgraphQuery],
    }),
  );
}

/** The public schema's SDL with the federation link and `@key(fields: "id")` on each entity. */
export function subgraphSdl(schema: GraphQLSchema, entityNames: readonly string[]): string {
  const document = parse(printSchema(lexicographicSortSchema(schema)));
  const definitions = document.definitions.map(
    (definition): DefinitionNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && entityNames.includes(definition.name.value)
        ? { ...definition, directives: [...(definition.directives ?? []), keyDirective] }
        : definition,
  );
  return print({ ...document, definitions: [...parse(federationPreamble).definitions, ...definitions] });
}

/**
 * Looks up one entity through the same per-request loaders as `node` and `nodes`: the entity, null
 * when there is none, or the error that says what is wrong with the representation (never its value).
 */
async function resolveReference(
  representation: unknown,
  index: number,
  entityNames: readonly string[],
  context: GatewayContext,
): Promise<unknown> {
  const at = idArgument('representations', index);
  const refuse = (problem: string) => badInput(`${at} ${problem}`, 'representations');
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return refuse('is not an object with `__typename` and `id`');
  }
  const { __typename: typename, id } = representation as { __typename?: unknown; id?: unknown };
  const entities = `use one of ${entityNames.join(', ')}`;
  if (typename === undefined || typename === null) return refuse(`has no \`__typename\`: ${entities}`);
  if (typeof typename !== 'string' || !entityNames.includes(typename)) {
    return refuse(`names no entity of this subgraph: ${entities}`);
  }
  if (id === undefined || id === null)
    return refuse(`has no \`id\`: ${withArticle(typename)} is found by its \`id\``);
  if (typeof id !== 'string') return refuse('has an `id` that is not a string');
  const decoded = readGlobalId(id, nodeTypenames);
  if (!decoded) return badInput(notAnIdMessage('representations', index), 'representations');
  if (decoded.typename !== typename) {
    return refuse(`holds an id of type ${decoded.typename}, not ${typename}`);
  }
  return loadNode(context, decoded, 'representations', index);
}

/** `@key(fields: "id")`: every entity is found again by its global id. */
const keyDirective: ConstDirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'key' },
  arguments: [
    {
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: 'fields' },
      value: { kind: Kind.STRING, value: 'id' },
    },
  ],
};

/** A representation as a router sends it: `__typename` and the key fields. */
const anyType = new GraphQLScalarType({
  name: '_Any',
  description: 'An entity representation as a router sends it: an object with `__typename` and `id`.',
  serialize: (value) => value,
});

const serviceType = new GraphQLObjectType({
  name: '_Service',
  description: 'What a router reads about this subgraph before composing it.',
  fields: {
    sdl: {
      type: GraphQLString,
      description: 'The SDL of this subgraph, with the federation link and `@key` on each entity.',
    },
  },
});
