export interface GlobalId {
  typename: string;
  id: string;
}

/** A global id names the GraphQL type and the upstream's own id: base64url of `Type:nativeId`. */
export function encodeGlobalId(typename: string, nativeId: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(nativeId)}`, 'utf8').toString('base64url');
}

/** The type and native id a global id holds; undefined when it is not an id of one of `knownTypes`. */
export function readGlobalId(globalId: string, knownTypes: ReadonlySet<string>): GlobalId | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon <= 0 || id === '' || !knownTypes.has(typename)) return undefined;
  return { typename, id };
}

/**
 * What an id argument that is not an id of this API decodes to: each lookup answers it with its own
 * error (`loadNode`), so that one bad entry of `nodes` fails alone.
 */
export const notAnId: GlobalId = Object.freeze({ typename: '', id: '' });

/** How an id argument at fault is named in messages: `id`, or `ids[2]` for an entry of a list. */
export function idArgument(name: string, index?: number): string {
  return index === undefined ? `\`${name}\`` : `\`${name}[${index}]\``;
}

/** The message for an id argument that is not an id of this API; it never repeats the value. */
export function notAnIdMessage(name: string, index?: number): string {
  return `${idArgument(name, index)} is not an id of this API: use the \`id\` of a node it returned`;
}
