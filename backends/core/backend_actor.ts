/**
 * Hosting a backend as an actor: the behaviour that serves {@link BackendHandlers} in a Worker,
 * and the {@link BackendClient} that calls it from the router's thread. Every call is answered
 * at once with a deferred reply, so slow calls never hold the mailbox.
 *
 * @module
 */
import { type ActorRef, defineActor } from "../../actors/mod.ts";
import { type DeferredReply, deferReply, settleReply } from "./deferred_reply.ts";
import type { BackendClient, BackendHandlers, BackendRequest } from "./protocol.ts";

/** The behaviour of a backend actor whose handlers `create` builds from the spawn arguments. */
export function backendActor<Args>(
  create: (args: Args) => BackendHandlers | Promise<BackendHandlers>,
) {
  return defineActor<Args, BackendRequest, BackendHandlers>({
    start: (args) => create(args),
    receive(msg, ctx) {
      const { type, ...request } = msg;
      const handler = ctx.state[type] as (request: unknown) => unknown;
      const [reply, transfer] = deferReply(() => {
        if (!handler) throw new Error(`backend call ${type} is not known`);
        return handler(request);
      });
      return ctx.reply(reply, transfer);
    },
  });
}

/** A client for a backend actor. */
export function actorBackendClient(ref: ActorRef<BackendRequest>): BackendClient {
  return {
    async call(type, request, options) {
      const message = { type, ...request } as BackendRequest;
      const reply = await ref.ask<DeferredReply>(message, {
        signal: options?.signal,
        transfer: options?.transfer,
      });
      return settleReply(reply, options?.signal);
    },
  };
}
