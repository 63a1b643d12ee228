/**
 * `POST /containers/{id}/wait` on Lambda: polls the function's tags and log until the condition
 * holds. A created container is waited through its start.
 *
 * @module
 */
import type { WaitCondition, WaitResult } from "../core/protocol.ts";
import { NotFound } from "../core/errors.ts";
import type { LambdaContainer } from "./directory.ts";
import { type LambdaBackendState, POLL_MS, stateOf } from "./state.ts";

export async function waitContainer(
  state: LambdaBackendState,
  id: string,
  condition: WaitCondition,
): Promise<ReadableStream<WaitResult>> {
  const first = await state.directory.get(id);
  // next-exit must not answer with an exit that happened before the wait was asked for.
  const staleRun = stateOf(first).Status === "exited" ? first.marks.startedAt : undefined;
  const abort = new AbortController();
  let last: LambdaContainer = first;
  const settled = async (): Promise<WaitResult> => {
    while (true) {
      abort.signal.throwIfAborted();
      let c: LambdaContainer;
      try {
        c = await state.directory.get(first.id);
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
        if (condition === "removed") {
          return { StatusCode: state.removedExits.get(first.id) ?? stateOf(last).ExitCode };
        }
        throw error;
      }
      last = c;
      const s = stateOf(c);
      if (condition === "not-running" && !s.Running) return { StatusCode: s.ExitCode };
      if (condition === "next-exit" && s.Status === "exited" && c.marks.startedAt !== staleRun) {
        return { StatusCode: s.ExitCode };
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
