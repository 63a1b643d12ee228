/**
 * Output for a client attached before start (`docker run`, `docker start -a`): through the
 * task's agent, which keeps the main output from the start for it (REPLAY_ENV, set at launch
 * when such an attach waits), so stdout and stderr stay apart as under Docker. CloudWatch Logs
 * has one stream per task and cannot tell them apart; `docker logs` still reads it.
 *
 * A task whose image does not run the sockerless agent never dials back: when its task stops
 * before any agent connected, its output comes from CloudWatch Logs as before (lines, stderr
 * joined to stdout), which is all there is of it.
 *
 * @module
 */
import { REPLAY_ENV } from "../../agent/mod.ts";
import { agentAttach } from "../core/cloud_agent/mod.ts";
import type { OutputChunk } from "../core/container_types.ts";
import type { EcsContainer } from "./directory.ts";
import { type EcsBackendState, isStopped, waitForTask } from "./state.ts";

/** How long a task's agent waits after its command exited for the attach it was told of. */
export const REPLAY_WAIT_MS = 30_000;

/** The agent environment that tells it to keep output for an attach from the start. */
export function replayEnv(): Record<string, string> {
  return { [REPLAY_ENV]: String(REPLAY_WAIT_MS) };
}

export function outputFromStart(
  state: EcsBackendState,
  c: EcsContainer,
  taskArn: () => Promise<string>,
  wanted: { stdout: boolean; stderr: boolean },
  fromLogs: (taskArn: () => Promise<string>) => ReadableStream<OutputChunk>,
): ReadableStream<OutputChunk> {
  const { readable, writable } = new TransformStream<OutputChunk, OutputChunk>();
  void (async () => {
    const arn = await taskArn();
    const abort = new AbortController();
    let source: ReadableStream<OutputChunk>;
    try {
      const agent = await Promise.race([
        state.agents.listener.waitFor(c.id, abort.signal),
        waitForTask(state, arn, isStopped, abort.signal).then(() => undefined),
      ]);
      source = agent
        ? agentAttach(agent, { stdin: false, ...wanted }, {
          backend: "ecs",
          stdinOnce: false,
          fromStart: true,
        }).output
        : fromLogs(() => Promise.resolve(arn));
    } finally {
      abort.abort();
    }
    await source.pipeTo(writable);
  })().catch((error) => writable.abort(error).catch(() => {}));
  return readable;
}
