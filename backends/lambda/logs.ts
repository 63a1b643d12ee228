/**
 * Container output on Lambda comes from CloudWatch Logs `/aws/lambda/{function}`: every run's
 * lines, across the function's instances, in time order, without the lines Lambda itself writes
 * (START, END, REPORT) or the run wrapper's exit marker. CloudWatch keeps lines, not bytes, and
 * the wrapper joins stdout to stderr, so every line comes back as stdout with "\n". `-f` and
 * attach poll until the run ends; the last read happens after the end is seen, so no line is lost.
 * An attach before start reads the run through the function's agent instead (attach_output.ts).
 *
 * @module
 */
import { type FilteredLogEvent, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { noOutput, refuseStderrOnly } from "../core/cloud/mod.ts";
import type { OutputChunk } from "../core/container_types.ts";
import { NotFound, NotImplemented } from "../core/errors.ts";
import type { AttachedStreams, AttachRequest, LogsRequest } from "../core/protocol.ts";
import { logGroupOf } from "./cloud.ts";
import type { LambdaContainer } from "./directory.ts";
import { keepsRuns, nextRunOutput } from "./attach_output.ts";
import { isPlatformLine } from "./run_script.ts";
import { isRunning, type LambdaBackendState, POLL_MS } from "./state.ts";

const encoder = new TextEncoder();

/** Reads the group's events in [from, until); events already `seen` are skipped. */
async function readEvents(
  state: LambdaBackendState,
  functionName: string,
  from: number | undefined,
  until: number | undefined,
  seen: Set<string>,
): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await state.cloud.logs.send(
        new FilterLogEventsCommand({
          logGroupName: logGroupOf(functionName),
          ...(from !== undefined ? { startTime: from } : {}),
          ...(until !== undefined ? { endTime: until } : {}),
          nextToken,
        }),
      );
      for (const e of page.events ?? []) {
        const key = `${e.logStreamName}/${e.eventId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        events.push(e);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    // The group appears with the function's first instance; before that there is no output.
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  return events.filter((e) => !isPlatformLine(e.message ?? ""));
}

function chunkOf(event: FilteredLogEvent): OutputChunk {
  return {
    stream: 1,
    data: encoder.encode(`${(event.message ?? "").replace(/\n$/, "")}\n`),
    time: event.timestamp ?? 0,
  };
}

/**
 * The function's output from `from` on; with `follow`, until `ended` says the run is over.
 * `ended` sees the container as freshly scanned.
 */
function functionOutput(
  state: LambdaBackendState,
  c: LambdaContainer,
  options: {
    follow: boolean;
    from?: number;
    until?: number;
    tail?: number;
    ended: (now: LambdaContainer) => boolean;
  },
): ReadableStream<OutputChunk> {
  const abort = new AbortController();
  const seen = new Set<string>();
  let done!: () => void;
  const reading = new Promise<void>((resolve) => done = resolve);
  if (options.follow) {
    const readers = state.readers.get(c.id) ?? new Set();
    readers.add(reading);
    state.readers.set(c.id, readers);
  }
  const finish = () => {
    state.readers.get(c.id)?.delete(reading);
    done();
  };
  return new ReadableStream<OutputChunk>({
    async start(controller) {
      try {
        let events = await readEvents(state, c.functionName, options.from, options.until, seen);
        if (options.tail !== undefined) events = options.tail ? events.slice(-options.tail) : [];
        for (const e of events) controller.enqueue(chunkOf(e));
        let last = events.at(-1)?.timestamp ?? options.from;
        while (options.follow && !abort.signal.aborted) {
          const now = await state.directory.get(c.id).catch((error) => {
            if (error instanceof NotFound) return undefined;
            throw error;
          });
          const over = !now || options.ended(now);
          for (const e of await readEvents(state, c.functionName, last, options.until, seen)) {
            controller.enqueue(chunkOf(e));
            last = e.timestamp ?? last;
          }
          if (over) break;
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        controller.close();
      } catch (error) {
        if (!abort.signal.aborted) controller.error(error);
      } finally {
        finish();
      }
    },
    cancel() {
      abort.abort();
      finish();
    },
  });
}

export async function containerLogs(
  state: LambdaBackendState,
  r: LogsRequest,
): Promise<AttachedStreams> {
  refuseStderrOnly("lambda", r.stdout, r.stderr);
  const c = await state.directory.get(r.id);
  if (!r.stdout) return { tty: false, output: noOutput() };
  return {
    tty: false,
    output: functionOutput(state, c, {
      follow: r.follow,
      from: r.sinceMs,
      until: r.untilMs,
      tail: r.tail !== undefined && r.tail >= 0 ? r.tail : undefined,
      ended: (now) => !isRunning(now),
    }),
  };
}

/** Attach follows the next run (docker run attaches before start) or the current one. */
export async function attachContainer(
  state: LambdaBackendState,
  r: AttachRequest,
): Promise<AttachedStreams> {
  refuseStderrOnly("lambda", r.stdout, r.stderr);
  if (r.stdin) {
    throw new NotImplemented("lambda backend: a Lambda invocation has no stdin to attach to");
  }
  const c = await state.directory.get(r.id);
  const since = Date.now();
  const current = isRunning(c) ? c.marks.startedAt : undefined;
  if (!r.stdout) return { tty: false, output: noOutput() };
  // Before start, the next run is read from its agent, stdout and stderr apart.
  if (r.stream && !r.logs && current === undefined && keepsRuns(c)) {
    return { tty: false, output: nextRunOutput(state, c, { stdout: r.stdout, stderr: r.stderr }) };
  }
  return {
    tty: false,
    output: functionOutput(state, c, {
      follow: r.stream,
      from: r.logs ? undefined : current ?? since,
      // Over once a run begun at or after the attach (or the one already running) has ended.
      ended: (now) => {
        const started = now.marks.startedAt;
        const ours = started !== undefined && (started === current || started >= since);
        return ours && !isRunning(now);
      },
    }),
  };
}
