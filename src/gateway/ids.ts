import { badInput } from './errors.js';

/** A global id names the GraphQL type and the upstream's own id: base64url of `Type:nativeId`. */
export function encodeGlobalId(typename: string, nativeId: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(nativeId)}`, 'utf8').toString('base64url');
}

/** Reads a global id; anything that is not one of ours is a BAD_USER_INPUT error saying so. */
export function decodeGlobalId(
  globalId: string,
  knownTypes: ReadonlySet<string>,
): { typename: string; id: string } {
  const shown = globalId.length > 64 ? `${globalId.slice(0, 64)}…` : globalId;
  const problem = `"${shown}" is not a valid id: use the \`id\` of a node returned by this API`;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(globalId)) throw badInput(problem);
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon <= 0 || id === '' || !knownTypes.has(typename)) throw badInput(problem);
  return { typename, id };
}
