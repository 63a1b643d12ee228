/**
 * Attach and logs on the memory backend. Both read the container's output history and live
 * fan-out; attach also wires the client's stdin into the main process (parked until start when
 * the client attaches first, so nothing is lost either way).
 *
 * @module
 */
import type { OutputChunk } from "../core/container_types.ts";
import { InvalidParameter } from "../core/errors.ts";
import type { AttachedStreams, AttachRequest, LogsRequest } from "../core/protocol.ts";
import type { Container } from "./container.ts";
import type { MemoryBackendState } from "./state.ts";

/**
 * A stream of the container's output: `past` first, then live chunks until the container's
 * next exit (or removal) when `live`.
 */
function outputStream(
  c: Container,
  past: OutputChunk[],
  live: boolean,
  wanted: (chunk: OutputChunk) => boolean,
): ReadableStream<OutputChunk> {
  let unsubscribe = () => {};
  return new ReadableStream<OutputChunk>({
    start(controller) {
      for (const chunk of past) controller.enqueue(chunk);
      if (!live) return controller.close();
      unsubscribe = c.logs.subscribe((chunk) => {
        if (wanted(chunk)) controller.enqueue(chunk);
      });
      c.wait("next-exit").then(() => {
        unsubscribe();
        try {
          controller.close();
        } catch {
          // The reader cancelled first.
        }
      });
    },
    cancel: () => unsubscribe(),
  });
}

/** `POST /containers/{id}/attach`. */
export function attachContainer(
  state: MemoryBackendState,
  request: AttachRequest,
): AttachedStreams {
  const c = state.containers.get(request.id);
  const wanted = (chunk: OutputChunk) => chunk.stream === 1 ? request.stdout : request.stderr;
  const past = request.logs
    ? c.logs.history({ stdout: request.stdout, stderr: request.stderr })
    : [];
  // As in moby, a stream attached to a stopped container waits for its next run (GitLab Runner
  // attaches before each `start` of the same container).
  const live = request.stream && !c.removing;
  const output = outputStream(c, past, live, wanted);
  let stdin: WritableStream<Uint8Array> | undefined;
  if (request.stdin && request.stream && c.config.OpenStdin) {
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    stdin = pipe.writable;
    const closeAtEnd = Boolean(c.config.StdinOnce);
    if (c.running) {
      // Asked, not told: a main process that has just exited answers Conflict, which would
      // crash the container actor as a told message's error.
      c.actor.ask({ type: "stdin", pid: c.mainPid, stream: pipe.readable, closeAtEnd }, {
        transfer: [pipe.readable],
      }).catch(() => {});
    } else {
      c.pendingStdin = { stream: pipe.readable, closeAtEnd };
    }
  }
  state.events.publish("container", "attach", { ID: c.id, Attributes: c.eventAttributes() });
  return { tty: Boolean(c.config.Tty), output, stdin };
}

/** `GET /containers/{id}/logs`. */
export function containerLogs(state: MemoryBackendState, request: LogsRequest): AttachedStreams {
  if (!request.stdout && !request.stderr) {
    throw new InvalidParameter("Bad parameters: you must choose at least one stream");
  }
  const c = state.containers.get(request.id);
  const past = c.logs.history(request);
  const live = request.follow && c.running && request.untilMs === undefined;
  const wanted = (chunk: OutputChunk) => chunk.stream === 1 ? request.stdout : request.stderr;
  return { tty: Boolean(c.config.Tty), output: outputStream(c, past, live, wanted) };
}
