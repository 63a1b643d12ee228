/**
 * Output for a client attached before start (`docker run`, `docker start -a`): through the
 * function's agent, which keeps each invocation's output from its start, stdout and stderr apart
 * (REPLAY_ENV in the function's environment; agent/lambda_sessions.ts). The attach names the
 * run by the request id its asynchronous Invoke answered. CloudWatch Logs cannot tell the streams
 * apart (the run wrapper or the agent joins them for it); `docker logs` still reads it.
 *
 * @module
 */
import { REPLAY_ENV } from "../../agent/mod.ts";
import { connectedAgent, sessionOutput } from "../core/cloud_agent/mod.ts";
import type { OutputChunk } from "../core/container_types.ts";
import type { LambdaContainer } from "./directory.ts";
import { withoutExitMarker } from "./marker_filter.ts";
import { AGENT_DIAL_TIMEOUT_MS, isRunning, type LambdaBackendState, POLL_MS } from "./state.ts";

/** How long an instance keeps an invocation's output after it ended, for an attach to come. */
export const REPLAY_WAIT_MS = 30_000;

/** Set at create: every run's output is kept for an attach from its start. */
export function replayEnv(): Record<string, string> {
  return { [REPLAY_ENV]: String(REPLAY_WAIT_MS) };
}

/** Whether the function's agent keeps its runs' output for an attach (functions created so). */
export function keepsRuns(c: LambdaContainer): boolean {
  return Number(c.environment[REPLAY_ENV] ?? 0) > 0;
}

/** The next run's output, stdout and stderr apart, until it exits. */
export function nextRunOutput(
  state: LambdaBackendState,
  c: LambdaContainer,
  wanted: { stdout: boolean; stderr: boolean },
): ReadableStream<OutputChunk> {
  const run = state.nextRun.get(c.id) ?? Promise.withResolvers<string>();
  state.nextRun.set(c.id, run);
  const { readable, writable } = new TransformStream<OutputChunk, OutputChunk>();
  // --rm removal (which drops the function and its agent) waits until this has been read.
  const reading = (async () => {
    const invocation = await run.promise;
    const agent = await connectedAgent(
      { backend: "lambda", listener: state.agents.listener, waitMs: AGENT_DIAL_TIMEOUT_MS },
      { id: c.id, workload: `function ${c.functionName}` },
      "attach",
    );
    const session = agent.attach({ fromStart: true, invocation });
    // Closing the attach's stdin once the exit arrived lets the agent forget the attach.
    void session.exited.then(() => session.stdin.close()).catch(() => {});
    const settled = session.exited.then(() => undefined, (error: Error) => whyCut(state, c, error));
    const output = sessionOutput(session, { ...wanted, settled, label: "lambda attach" });
    await output.pipeThrough(withoutExitMarker()).pipeTo(writable);
  })().catch((error) => writable.abort(error).catch(() => {}));
  const readers = state.readers.get(c.id) ?? new Set();
  readers.add(reading);
  state.readers.set(c.id, readers);
  void reading.finally(() => state.readers.get(c.id)?.delete(reading));
  return readable;
}

/**
 * An agent that hangs up before the run's exit reached it: docker stop and kill retire the
 * instance, which ends the attach as Docker's does (no note; wait has the status). Otherwise the
 * rest of the output is lost, and the client is told.
 */
async function whyCut(
  state: LambdaBackendState,
  c: LambdaContainer,
  error: Error,
): Promise<string | undefined> {
  const deadline = Date.now() + AGENT_DIAL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const now = await state.directory.get(c.id).catch(() => undefined);
    if (!now) return undefined;
    if (!isRunning(now)) {
      const { stopped, startedAt } = now.marks;
      return stopped && startedAt !== undefined && stopped.at >= startedAt
        ? undefined
        : error.message;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return error.message;
}
