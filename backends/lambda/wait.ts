/**
 * `POST /containers/{id}/wait` on Lambda (backends/core/cloud/wait.ts polls): a run is a start
 * (its tag), and a `--rm` container this backend removed answers with the status it recorded.
 *
 * @module
 */
import { waitContainer as waitCloud } from "../core/cloud/mod.ts";
import type { WaitCondition, WaitResult } from "../core/protocol.ts";
import { type LambdaBackendState, POLL_MS, stateOf } from "./state.ts";

export function waitContainer(
  state: LambdaBackendState,
  id: string,
  condition: WaitCondition,
): Promise<ReadableStream<WaitResult>> {
  return waitCloud(
    {
      get: (ref) => state.directory.get(ref),
      stateOf,
      runOf: (c) => c.marks.startedAt,
      pollMs: POLL_MS,
      removedExit: (id) => state.removedExits.get(id),
    },
    id,
    condition,
  );
}
