/**
 * Addresses: how one actor gets to tell (or ask) another that is not its parent or child.
 * `ref.address()` makes a MessagePort wired to the actor; the port travels inside a message to
 * anyone (another actor, another Worker) and `connect` turns it back into a handle there.
 * The actor's owner relays what arrives on the port, so the owner's dead-letter channel sees
 * messages sent after the actor ended. Asks through an address after the actor ended are refused
 * with `ActorStopped`, like direct ones.
 *
 * @module
 */

import { type SerializedError, serializeError } from "../backends/core/errors.ts";
import type { ActorRef } from "./actor_ref.ts";
import type { Message } from "./behaviour.ts";
import { AskTimeout, rebuildError } from "./errors.ts";
import { transferList } from "./transfer.ts";

type ToAddress = { kind: "tell"; msg: unknown } | { kind: "ask"; id: number; msg: unknown };
type FromAddress =
  | { kind: "reply"; id: number; value: unknown }
  | { kind: "reply-error"; id: number; error: SerializedError };

/** A transferable address of an actor: put it in a message, `connect` to it on the other side. */
export type ActorAddress<Msg extends Message = Message> = MessagePort & { readonly __msg?: Msg };

/**
 * Makes an address for `ref`. It stays open after the actor ends, so late messages still become
 * dead letters here; it closes when the holder calls `close()` on its connection (or its Worker
 * ends). An open address keeps this thread's event loop alive.
 */
export function addressOf<Msg extends Message>(ref: ActorRef<Msg>): ActorAddress<Msg> {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = async (event: MessageEvent<ToAddress>) => {
    const message = event.data;
    if (message.kind === "tell") return ref.tell(message.msg as Msg);
    let reply: FromAddress;
    try {
      reply = { kind: "reply", id: message.id, value: await ref.ask(message.msg as Msg) };
    } catch (error) {
      reply = { kind: "reply-error", id: message.id, error: serializeError(error) };
    }
    try {
      port1.postMessage(reply, transferList(reply));
    } catch (error) {
      const failed = serializeError(error);
      port1.postMessage({ kind: "reply-error", id: message.id, error: failed });
    }
  };
  return port2 as ActorAddress<Msg>;
}

/** A handle on an actor reached through an {@link ActorAddress}. */
export interface RemoteActor<Msg extends Message> {
  /** Sends `msg` without waiting. */
  tell(msg: Msg, transfer?: Transferable[]): void;
  /** Sends `msg` and waits for the reply. Rejects with {@link AskTimeout} after `timeoutMs` (default 30 000). */
  ask<R = unknown>(
    msg: Msg,
    options?: { timeoutMs?: number; transfer?: Transferable[] },
  ): Promise<R>;
  /** Stops using the address (the actor itself keeps running). */
  close(): void;
}

/** Turns an address received in a message into something to `tell` and `ask`. */
export function connect<Msg extends Message>(address: ActorAddress<Msg>): RemoteActor<Msg> {
  const pending = new Map<number, { settle(reply: FromAddress): void }>();
  let nextId = 1;
  address.onmessage = (event: MessageEvent<FromAddress>) => {
    pending.get(event.data.id)?.settle(event.data);
  };
  return {
    tell(msg, transfer) {
      address.postMessage({ kind: "tell", msg }, transferList(msg, transfer));
    },
    ask<R>(msg: Msg, options: { timeoutMs?: number; transfer?: Transferable[] } = {}) {
      const id = nextId++;
      const timeoutMs = options.timeoutMs ?? 30_000;
      return new Promise<R>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new AskTimeout("at address", timeoutMs));
        }, timeoutMs);
        pending.set(id, {
          settle(reply) {
            clearTimeout(timer);
            pending.delete(id);
            if (reply.kind === "reply") resolve(reply.value as R);
            else reject(rebuildError(reply.error));
          },
        });
        address.postMessage({ kind: "ask", id, msg }, transferList(msg, options.transfer));
      });
    },
    close() {
      address.close();
    },
  };
}
