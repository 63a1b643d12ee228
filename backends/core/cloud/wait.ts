/**
 * `POST /containers/{id}/wait` on a cloud backend: the cloud pushes nothing, so the container is
 * looked up again every `pollMs` until the condition holds. A next-exit wait tells the exit it
 * waits for from an earlier one by the run it belongs to (a task, a start).
 *
 * @module
 */
import type { ContainerState } from "../container_types.ts";
import { NotFound } from "../errors.ts";
import type { WaitCondition, WaitResult } from "../protocol.ts";
import type { CloudContainer } from "./render.ts";

/** How a backend answers what a wait asks of its containers. */
export interface WaitView<C extends CloudContainer> {
  get(ref: string): Promise<C>;
  stateOf(c: C): ContainerState;
  /** Names the container's latest run (a task ARN, a start time). */
  runOf(c: C): string | number | undefined;
  pollMs: number;
  /** Why a start failed before it ran anything, which ends any wait. */
  failedStart?(c: C): string | undefined;
  /** The exit status the backend recorded for a container it removed itself (`--rm`). */
  removedExit?(id: string): number | undefined;
}

export async function waitContainer<C extends CloudContainer>(
  view: WaitView<C>,
  id: string,
  condition: WaitCondition,
): Promise<ReadableStream<WaitResult>> {
  const first = await view.get(id);
  // next-exit must not answer with an exit that happened before the wait was asked for.
  const stale = view.stateOf(first).Status === "exited" ? view.runOf(first) : undefined;
  const abort = new AbortController();
  let last = first;
  const result = (c: C): WaitResult => {
    const s = view.stateOf(c);
    return { StatusCode: s.ExitCode, ...(s.Error ? { Error: { Message: s.Error } } : {}) };
  };
  const settled = async (): Promise<WaitResult> => {
    while (true) {
      abort.signal.throwIfAborted();
      let c: C;
      try {
        c = await view.get(first.id);
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
        if (condition !== "removed") throw error;
        const recorded = view.removedExit?.(first.id);
        return recorded !== undefined ? { StatusCode: recorded } : result(last);
      }
      last = c;
      const failure = view.failedStart?.(c);
      if (failure) return { StatusCode: 128, Error: { Message: failure } };
      const s = view.stateOf(c);
      if (condition === "not-running" && !s.Running) return result(c);
      if (condition === "next-exit" && s.Status === "exited" && view.runOf(c) !== stale) {
        return result(c);
      }
      await new Promise((r) => setTimeout(r, view.pollMs));
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
