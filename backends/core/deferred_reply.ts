/**
 * Replies that arrive later without holding the backend actor's mailbox. An actor answers one
 * message at a time; a backend must keep serving `docker ps` while a `wait` or a `stop` is in
 * progress. So a backend actor answers every call at once with a MessagePort and posts the
 * outcome on it when the work is done (moving any streams in the value along); the client side
 * unwraps it into the ordinary reply or the typed error.
 *
 * @module
 */
import { deserializeError, type SerializedError, serializeError } from "./errors.ts";
import { transferablesOf } from "./protocol.ts";

type Outcome = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** The message an actor replies with immediately. */
export interface DeferredReply {
  deferred: MessagePort;
}

/** Starts `work` and returns the reply to send now, with its transfer list. */
export function deferReply(work: () => unknown): [DeferredReply, Transferable[]] {
  const { port1, port2 } = new MessageChannel();
  const post = (outcome: Outcome, transfer: Transferable[]) => {
    try {
      port1.postMessage(outcome, transfer);
    } catch (error) {
      // An uncloneable value answers as an error rather than never.
      port1.postMessage({ ok: false, error: serializeError(error) });
    }
    // port1 is left open: closing it right after posting can drop the message when port2 has
    // not reached its receiver yet (seen with fast exits); the receiver closes its end.
  };
  Promise.resolve().then(work).then(
    (value) => post({ ok: true, value }, transferablesOf(value)),
    (error) => post({ ok: false, error: serializeError(error) }, []),
  );
  return [{ deferred: port2 }, [port2]];
}

/** Waits for a {@link DeferredReply}'s outcome: the value, or the rebuilt typed error thrown. */
export function settleReply<T>(reply: DeferredReply, signal?: AbortSignal): Promise<T> {
  const port = reply.deferred;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      port.close();
      reject(signal?.reason);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    port.onmessage = (event: MessageEvent<Outcome>) => {
      signal?.removeEventListener("abort", onAbort);
      port.close();
      const outcome = event.data;
      if (outcome.ok) resolve(outcome.value as T);
      else reject(deserializeError(outcome.error));
    };
  });
}
