/**
 * Container output on ECS comes from CloudWatch Logs (the awslogs driver): `docker logs` reads
 * the task's stream, `-f` and attach to a running task poll it until the task stops. CloudWatch
 * keeps lines, not bytes, and does not tell stdout from stderr, so every line comes back as
 * stdout with "\n". An attach before start (`docker run`) reads the task's agent instead, which
 * keeps stdout and stderr apart (attach_output.ts). Stdin goes in before start (baked into the
 * task) or, into a running `-i` task, through its agent, which also carries that attach's output.
 *
 * @module
 */
import { GetLogEventsCommand, type OutputLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { noOutput, refuseStderrOnly } from "../core/cloud/mod.ts";
import { agentAttach, connectedAgent } from "../core/cloud_agent/mod.ts";
import type { OutputChunk } from "../core/container_types.ts";
import { NotFound, NotImplemented } from "../core/errors.ts";
import type { AttachedStreams, AttachRequest, LogsRequest } from "../core/protocol.ts";
import { EcsCloud, LOG_GROUP } from "./cloud.ts";
import type { EcsContainer } from "./directory.ts";
import { outputFromStart } from "./attach_output.ts";
import { checkAgentDialsHere } from "./exec.ts";
import { type EcsBackendState, isRunning, isStopped, POLL_MS, waitForTask } from "./state.ts";
import { StdinCapture } from "./stdin_capture.ts";

const encoder = new TextEncoder();

/** Reads every event of the task's stream from `token` on; `undefined` token = from the head. */
async function readEvents(
  state: EcsBackendState,
  taskArn: string,
  window: { startTime?: number; endTime?: number },
  token?: string,
): Promise<{ events: OutputLogEvent[]; token?: string }> {
  const events: OutputLogEvent[] = [];
  while (true) {
    let page;
    try {
      page = await state.cloud.logs.send(
        new GetLogEventsCommand({
          logGroupName: LOG_GROUP,
          logStreamName: EcsCloud.logStream(taskArn),
          startFromHead: true,
          ...(token ? { nextToken: token } : window),
        }),
      );
    } catch (error) {
      // The stream appears when the container starts writing; before that there is no output.
      if ((error as Error).name === "ResourceNotFoundException") return { events, token };
      throw error;
    }
    events.push(...(page.events ?? []));
    if (!page.nextForwardToken || page.nextForwardToken === token) {
      return { events, token: page.nextForwardToken ?? token };
    }
    token = page.nextForwardToken;
    if ((page.events ?? []).length === 0) return { events, token };
  }
}

function chunkOf(event: OutputLogEvent): OutputChunk {
  return {
    stream: 1,
    data: encoder.encode(`${event.message ?? ""}\n`),
    time: event.timestamp ?? 0,
  };
}

/**
 * Output of the task `taskArn` resolves to: what is there, then (with `follow`) new lines until
 * the task stops. `taskArn` may wait for a start (attach before start).
 */
function taskOutput(
  state: EcsBackendState,
  taskArn: () => Promise<string>,
  options: { follow: boolean; window: { startTime?: number; endTime?: number }; tail?: number },
): ReadableStream<OutputChunk> {
  const abort = new AbortController();
  return new ReadableStream<OutputChunk>({
    async start(controller) {
      try {
        const arn = await taskArn();
        let { events, token } = await readEvents(state, arn, options.window);
        if (options.tail !== undefined) events = options.tail ? events.slice(-options.tail) : [];
        for (const e of events) controller.enqueue(chunkOf(e));
        while (options.follow && !abort.signal.aborted) {
          const task = await waitForTask(state, arn, () => true, abort.signal);
          const next = await readEvents(state, arn, options.window, token);
          for (const e of next.events) controller.enqueue(chunkOf(e));
          token = next.token;
          // The last read happened after the stop was seen, so nothing written before it is lost.
          if (isStopped(task)) break;
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        controller.close();
      } catch (error) {
        if (abort.signal.aborted) return;
        controller.error(error);
      }
    },
    cancel() {
      abort.abort();
    },
  });
}

export async function containerLogs(
  state: EcsBackendState,
  r: LogsRequest,
): Promise<AttachedStreams> {
  refuseStderrOnly("ecs", r.stdout, r.stderr);
  const c = await state.directory.get(r.id);
  const tty = false;
  if (!c.task || !r.stdout) return { tty, output: noOutput() };
  const arn = c.task.taskArn!;
  return {
    tty,
    output: taskOutput(state, () => Promise.resolve(arn), {
      follow: r.follow,
      window: { startTime: r.sinceMs, endTime: r.untilMs },
      tail: r.tail !== undefined && r.tail >= 0 ? r.tail : undefined,
    }),
  };
}

export async function attachContainer(
  state: EcsBackendState,
  r: AttachRequest,
): Promise<AttachedStreams> {
  const c = await state.directory.get(r.id);
  if (r.stdin && c.body.OpenStdin && isRunning(c)) return await attachAgent(state, c, r);
  refuseStderrOnly("ecs", r.stdout, r.stderr);
  let stdin: StdinCapture | undefined;
  if (r.stdin && c.body.OpenStdin) {
    stdin = new StdinCapture();
    state.stdin.set(c.id, stdin);
  }
  const since = Date.now();
  // Attach before start (docker run) sees everything of the run it waits for.
  const fromStart = !c.task || isStopped(c.task);
  const arn = async () => {
    while (true) {
      // A start by this backend names its task at once (a --rm task may be gone before a scan).
      if (c.launched && c.launched !== c.task?.taskArn) return c.launched;
      const failure = state.startFailures.get(c.id);
      if (failure) throw new Error(failure);
      const now = await state.directory.get(c.id).catch((error) => {
        if (error instanceof NotFound) throw new Error(`container ${c.id} was removed`);
        throw error;
      });
      if (now.task && (!fromStart || now.task.taskArn !== c.task?.taskArn)) {
        return now.task.taskArn!;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const fromLogs = (taskArn: () => Promise<string>) =>
    taskOutput(state, taskArn, {
      follow: r.stream,
      window: r.logs || fromStart ? {} : { startTime: since },
    });
  // Before start, the launch tells the task's agent to keep its output for this attach.
  if (fromStart && r.stream) state.replayAttach.add(c.id);
  const output = fromStart && r.stream
    ? outputFromStart(state, c, arn, { stdout: r.stdout, stderr: r.stderr }, fromLogs)
    : fromLogs(arn);
  return {
    tty: false,
    output: r.stdout ? output : noOutput(),
    ...(stdin ? { stdin: stdin.writable } : {}),
  };
}

/**
 * Stdin into a running task goes through its agent (its task definition is `interactive`, so
 * the command's stdin is still open), with the live output that comes with it.
 */
async function attachAgent(
  state: EcsBackendState,
  c: EcsContainer,
  r: AttachRequest,
): Promise<AttachedStreams> {
  if (r.logs) {
    throw new NotImplemented(
      "ecs backend: attach with stdin to a running task streams live output through its agent; " +
        "replaying earlier output (logs=1) is not joined to it",
    );
  }
  checkAgentDialsHere(state.agents, c);
  const connection = await connectedAgent(
    { backend: "ecs", listener: state.agents.listener },
    { id: c.id, workload: `task ${c.task!.taskArn}` },
    "attach",
  );
  return agentAttach(connection, r, { backend: "ecs", stdinOnce: c.body.StdinOnce === true });
}
