/**
 * Helpers for the container actor's tests: a real actor in a permission-less Worker, processes
 * started through `run`, and their output and exit status collected from the stream and port.
 *
 * @module
 */
import { type ActorRef, spawn, type WorkerPool } from "../../../actors/mod.ts";
import type { OutputChunk } from "../../core/container_types.ts";
import { receiveOnce } from "../../core/one_shot_port.ts";
import type {
  ContainerActorArgs,
  ContainerMsg,
  ContainerReplies,
  ProcessSpec,
  RunReply,
} from "./protocol.ts";

export const actorModule = new URL("./actor.ts", import.meta.url);

export type ContainerRef = ActorRef<ContainerMsg>;

/** Starts a container actor with `permissions: "none"` (in `pool` when given). */
export async function startContainer(
  options: { hostname?: string; pool?: WorkerPool | false; ncpu?: number; memTotal?: number } = {},
): Promise<ContainerRef> {
  const args: ContainerActorArgs = {
    id: crypto.randomUUID().replaceAll("-", ""),
    hostname: options.hostname ?? "c0ffee123456",
    image: { kind: "builtin" },
    ncpu: options.ncpu ?? 2,
    memTotal: options.memTotal ?? 2 * 1024 ** 3,
  };
  return await spawn<ContainerMsg, ContainerActorArgs>({
    module: actorModule,
    args,
    permissions: "none",
    pool: options.pool,
  });
}

/** Asks `msg` and types the answer by message type. */
export function ask<T extends ContainerMsg["type"]>(
  ref: ContainerRef,
  msg: Extract<ContainerMsg, { type: T }>,
): Promise<ContainerReplies[T]> {
  return ref.ask<ContainerReplies[T]>(msg);
}

/** A process spec with Docker's defaults for what `overrides` leaves out. */
export function processSpec(argv: string[], overrides: Partial<ProcessSpec> = {}): ProcessSpec {
  return { argv, env: [], cwd: "/", user: "", tty: false, openStdin: false, ...overrides };
}

/** A started process: its pid, output collected as it comes, and its exit status. */
export interface TestProcess {
  pid: number;
  chunks: OutputChunk[];
  /** Resolves when the output stream has ended. */
  outputDone: Promise<void>;
  status: Promise<number>;
  text(stream?: 1 | 2): string;
  /** Resolves once the output contains `needle`. */
  waitFor(needle: string): Promise<void>;
}

/** A generous bound that turns a hang into a failure naming what never happened. */
const PATIENCE_MS = 30_000;

export function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: nothing after ${PATIENCE_MS} ms`)),
      PATIENCE_MS,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function follow(reply: RunReply): TestProcess {
  const chunks: OutputChunk[] = [];
  const watchers: (() => void)[] = [];
  const text = (stream?: 1 | 2) =>
    new TextDecoder().decode(concat(
      chunks.filter((c) => stream === undefined || c.stream === stream).map((c) => c.data),
    ));
  const outputDone = (async () => {
    for await (const chunk of reply.output) {
      chunks.push(chunk);
      for (const watch of watchers.splice(0)) watch();
    }
    for (const watch of watchers.splice(0)) watch();
  })();
  let ended = false;
  outputDone.finally(() => ended = true);
  const status = new Promise<number>((resolve) => {
    receiveOnce<{ status: number }>(reply.exit, ({ status }) => resolve(status));
  });
  return {
    pid: reply.pid,
    chunks,
    outputDone: within(outputDone, `pid ${reply.pid}'s output to end`),
    status: within(status, `pid ${reply.pid}'s exit status`),
    text,
    async waitFor(needle) {
      const seen = async () => {
        while (!text().includes(needle)) {
          if (ended) throw new Error(`output ended without ${JSON.stringify(needle)}: ${text()}`);
          await new Promise<void>((resolve) => watchers.push(resolve));
        }
      };
      await within(seen(), `output ${JSON.stringify(needle)} (so far ${JSON.stringify(text())})`);
    },
  };
}

/** Runs a process and follows it. */
export async function run(
  ref: ContainerRef,
  argv: string[],
  overrides: Partial<ProcessSpec> & { role?: "main" | "exec" } = {},
): Promise<TestProcess> {
  const { role = "main", ...spec } = overrides;
  return follow(await ask(ref, { type: "run", role, process: processSpec(argv, spec) }));
}

/** A stream that yields `parts` and then ends (or stays open until `close` when `hold`). */
export function byteStream(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

/** A stream the test writes into piece by piece; `cancelled` says whether its reader let go. */
export function typedInput() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => controller = c,
    cancel: () => {
      cancelled = true;
    },
  });
  return {
    stream,
    type: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => {
      if (!cancelled) controller.close();
    },
    get cancelled() {
      return cancelled;
    },
  };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return concat(parts);
}
