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
import { closeReceived, postOnce, receiveOnce } from "./one_shot_port.ts";
import { transferList } from "../../actors/mod.ts";

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
      postOnce(port1, outcome, transfer);
    } catch (error) {
      // An uncloneable value answers as an error rather than never.
      postOnce(port1, { ok: false, error: serializeError(error) });
    }
  };
  Promise.resolve().then(work).then(
    (value) => post({ ok: true, value }, transferList(value)),
    (error) => post({ ok: false, error: serializeError(error) }, []),
  );
  return [{ deferred: port2 }, [port2]];
}

/** Waits for a {@link DeferredReply}'s outcome: the value, or the rebuilt typed error thrown. */
export function settleReply<T>(reply: DeferredReply, signal?: AbortSignal): Promise<T> {
  const port = reply.deferred;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      closeReceived(port);
      reject(signal?.reason);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    receiveOnce<Outcome>(port, (outcome) => {
      signal?.removeEventListener("abort", onAbort);
      if (outcome.ok) resolve(outcome.value as T);
      else reject(deserializeError(outcome.error));
    });
  });
}
