/**
 * A {@link BackendClient} that calls a backend's handlers in the same thread. The daemon hosts
 * backends as actors in Workers (`backends/host.ts`); this is for exercising http/ and a
 * backend's handlers together without Workers, as the router's tests do.
 *
 * @module
 */
import type { BackendClient, BackendHandlers } from "./protocol.ts";

export function handlersClient(handlers: BackendHandlers): BackendClient {
  return {
    async call(type, request, options) {
      options?.signal?.throwIfAborted();
      // deno-lint-ignore no-explicit-any
      return await (handlers[type] as (r: any) => any)(request);
    },
  };
}
