import { gatewayError } from './errors.js';
import type { RequestCaller } from './provider.js';
import type { AuthHeaders } from './upstream/index.js';

/**
 * Auth that forwards the caller's own token, read from `header`, as a Bearer token upstream.
 * A caller who sent none gets UNAUTHENTICATED when the first upstream call is made.
 */
export function forwardedBearer(
  caller: RequestCaller,
  header: string,
  provider: { id: string; label: string },
): AuthHeaders {
  return () => {
    const token = caller.header(header);
    if (!token) {
      throw gatewayError(
        `This gateway forwards your ${provider.label} token: send it in the \`${header}\` header`,
        { code: 'UNAUTHENTICATED', provider: provider.id },
      );
    }
    return { authorization: `Bearer ${token.replace(/^Bearer\s+/i, '')}` };
  };
}
