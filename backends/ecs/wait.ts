/**
 * `POST /containers/{id}/wait` on ECS: polls the cloud until the condition holds. A container
 * still in the create→start gap is waited through its start.
 *
 * @module
 */
import type { WaitCondition, WaitResult } from "../core/protocol.ts";
import { NotFound } from "../core/errors.ts";
import type { EcsContainer } from "./directory.ts";
import { type EcsBackendState, exitCodeOf, failureOf, isStopped, POLL_MS } from "./state.ts";

export async function waitContainer(
  state: EcsBackendState,
  id: string,
  condition: WaitCondition,
): Promise<ReadableStream<WaitResult>> {
  const first = await state.directory.get(id);
  // next-exit must not answer with an exit that happened before the wait was asked for.
  const stale = isStopped(first.task) ? first.task!.taskArn : undefined;
  const abort = new AbortController();
  let last: EcsContainer = first;
  const result = (c: EcsContainer): WaitResult => {
    const failure = failureOf(c.task);
    return { StatusCode: exitCodeOf(c.task), ...(failure ? { Error: { Message: failure } } : {}) };
  };
  const settled = async (): Promise<WaitResult> => {
    while (true) {
      abort.signal.throwIfAborted();
      let c: EcsContainer;
      try {
        c = await state.directory.get(first.id);
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
        if (condition === "removed") return result(last);
        throw error;
      }
      last = c;
      const failure = state.startFailures.get(c.id);
      if (failure && !state.starting.has(c.id)) {
        return { StatusCode: 128, Error: { Message: failure } };
      }
      if (condition === "not-running" && (!c.task || isStopped(c.task))) {
        if (c.task || !state.directory.pending.has(c.id)) return result(c);
        return { StatusCode: 0 };
      }
      if (condition === "next-exit" && isStopped(c.task) && c.task!.taskArn !== stale) {
        return result(c);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  return new ReadableStream<WaitResult>({
    async pull(controller) {
      try {
        controller.enqueue(await settled());
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      abort.abort();
    },
  }, { highWaterMark: 0 });
}
