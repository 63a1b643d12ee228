/**
 * A Lambda instance's invocations as attachable sessions (the agent's Lambda mode, with a backend
 * it dials). Lambda takes a handler's stdout as the invocation's response and logs only what the
 * runtime writes, so the function's run wrapper joins the command's stdout to stderr; the join
 * loses which stream a line came from. Told so by SPLIT_ENV, the wrapper leaves the streams apart
 * and this launcher does the join instead, after keeping each chunk, with its stream, for a
 * backend attach naming the invocation (its request id, which an asynchronous Invoke answers):
 * from the invocation's start (output written before that attach came is replayed) to its exit
 * status. The runtime sees what the wrapper's join gave it: no stdout, everything on stderr.
 *
 * An invocation's output is kept only when the handler's environment has REPLAY_ENV, and after
 * the command exits only that many milliseconds for an attach that has not come yet, and never
 * more than MAX_BACKLOG of it (an attach after that is told what it missed).
 *
 * @module
 */
import type { AgentProcess, ProcessLauncher } from "./process.ts";
import { encodeBytes, REPLAY_ENV } from "./protocol.ts";

/** In the handler's environment: this agent joins stdout to stderr, so the wrapper need not. */
export const SPLIT_ENV = "SOCKERLESS_LAMBDA_SPLIT_OUTPUT";

type Chunk = { type: "stdout" | "stderr"; data: string };
/** What a joined attach is sent: output frames, then the exit status. */
export type InvocationSink = (frame: Chunk | { type: "exit"; code: number }) => void;

/**
 * Most output an invocation keeps for an attach not yet come (base64 characters): an instance
 * running `docker run -d`'s chatty command for hours must not hold all of it.
 */
export const MAX_BACKLOG = 8 * 2 ** 20;

interface Invocation {
  backlog: Chunk[];
  /** Characters in `backlog`; past MAX_BACKLOG it is dropped and an attach is told so. */
  kept: number;
  overflowed?: boolean;
  sinks: Set<InvocationSink>;
  code?: number;
  /** Forgets an ended invocation no attach came for. */
  expiry?: ReturnType<typeof setTimeout>;
}

export class InvocationSessions {
  #invocations = new Map<string, Invocation>();
  /** Attaches that came before their invocation began. */
  #early = new Map<string, { sink: InvocationSink; timer: ReturnType<typeof setTimeout> }[]>();

  /** Wraps the launcher the Lambda runtime spawns handlers with. */
  launcher(inner: ProcessLauncher): ProcessLauncher {
    return {
      spawn: async (spec) => {
        const requestId = spec.env?.AWS_LAMBDA_REQUEST_ID;
        const replayMs = Number(spec.env?.[REPLAY_ENV] ?? 0);
        if (!requestId || !(replayMs > 0)) return inner.spawn(spec);
        const process = await inner.spawn({ ...spec, env: { ...spec.env, [SPLIT_ENV]: "1" } });
        return this.#track(requestId, replayMs, process);
      },
    };
  }

  /**
   * Joins invocation `requestId`: its output so far, then live, then its exit. An attach for an
   * invocation not begun yet waits for it, `waitMs` at most.
   */
  join(requestId: string, sink: InvocationSink, waitMs: number): void {
    const invocation = this.#invocations.get(requestId);
    if (!invocation) {
      const early = this.#early.get(requestId) ?? [];
      const timer = setTimeout(() => {
        const left = (this.#early.get(requestId) ?? []).filter((e) => e.sink !== sink);
        if (left.length) this.#early.set(requestId, left);
        else this.#early.delete(requestId);
        sink({ type: "stderr", data: encodeBytes(_note(requestId)) });
        sink({ type: "exit", code: 126 });
      }, waitMs);
      early.push({ sink, timer });
      this.#early.set(requestId, early);
      return;
    }
    if (invocation.overflowed) {
      sink({ type: "stderr", data: encodeBytes(_overflow(requestId)) });
    }
    for (const chunk of invocation.backlog) sink(chunk);
    if (invocation.code !== undefined) {
      sink({ type: "exit", code: invocation.code });
      clearTimeout(invocation.expiry);
      this.#invocations.delete(requestId);
      return;
    }
    invocation.backlog = [];
    invocation.sinks.add(sink);
  }

  #track(requestId: string, replayMs: number, process: AgentProcess): AgentProcess {
    const invocation: Invocation = { backlog: [], kept: 0, sinks: new Set() };
    this.#invocations.set(requestId, invocation);
    const early = this.#early.get(requestId) ?? [];
    this.#early.delete(requestId);
    for (const { sink, timer } of early) {
      clearTimeout(timer);
      invocation.sinks.add(sink);
    }
    const joined = new TransformStream<Uint8Array, Uint8Array>();
    const writer = joined.writable.getWriter();
    const copy = async (stream: ReadableStream<Uint8Array>, type: Chunk["type"]) => {
      for await (const data of stream) {
        const chunk = { type, data: encodeBytes(data) };
        // Kept until an attach has joined; an attach that joined gets it live.
        if (invocation.sinks.size === 0 && !invocation.overflowed) {
          invocation.backlog.push(chunk);
          invocation.kept += chunk.data.length;
          if (invocation.kept > MAX_BACKLOG) {
            invocation.backlog = [];
            invocation.overflowed = true;
          }
        }
        for (const sink of invocation.sinks) sink(chunk);
        await writer.write(data);
      }
    };
    const copied = Promise.all([copy(process.stdout, "stdout"), copy(process.stderr, "stderr")])
      .finally(() => writer.close().catch(() => {}));
    const exited = Promise.all([process.exited, copied]).then(([code]) => {
      invocation.code = code;
      for (const sink of invocation.sinks) sink({ type: "exit", code });
      if (invocation.sinks.size > 0) this.#invocations.delete(requestId);
      else invocation.expiry = setTimeout(() => this.#invocations.delete(requestId), replayMs);
      return code;
    });
    return {
      stdin: process.stdin,
      stdout: new ReadableStream({ start: (c) => c.close() }),
      stderr: joined.readable,
      exited,
      kill: (signal) => process.kill(signal),
    };
  }
}

function _overflow(requestId: string): Uint8Array {
  return new TextEncoder().encode(
    `agent: invocation ${requestId} wrote more than ${MAX_BACKLOG} bytes (base64) before this ` +
      "attach came; that output was not kept (docker logs has it)\n",
  );
}

function _note(requestId: string): Uint8Array {
  return new TextEncoder().encode(
    `agent: invocation ${requestId} did not begin on this instance\n`,
  );
}
