/**
 * The agent: runs the workload's main command, keeps serving the backend over its channel
 * (exec sessions, attach to the main process, stdin, close_stdin, signals, resize) and resolves
 * to the main command's exit status. Main output also goes to the agent's own stdout/stderr,
 * which is what the platform's log driver collects.
 *
 * Given `connect`, the agent redials (with exponential backoff) whenever its connection drops
 * while the main process runs, so a backend that restarts finds its agents again. Sessions of a
 * dropped connection are hung up (SIGHUP), as a terminal's processes are.
 *
 * @module
 */
import type { AgentChannel } from "./channel.ts";
import type { InvocationSessions } from "./lambda_sessions.ts";
import type { AgentProcess, ProcessLauncher, ProcessSpec } from "./process.ts";
import {
  type BackendFrame,
  decodeBytes,
  encodeBytes,
  MAIN_SESSION,
  REPLAY_ENV,
} from "./protocol.ts";

export interface AgentOptions {
  containerId: string;
  /** One connection, never redialled (the simulator's in-process port). */
  channel?: AgentChannel;
  /** Opens a connection to the backend; called again whenever the connection drops. */
  connect?: (signal: AbortSignal) => Promise<AgentChannel>;
  /** Backoff between redials, in ms: doubled from `initial` up to `max`. */
  redial?: { initialMs: number; maxMs: number };
  launcher: ProcessLauncher;
  /**
   * The workload's command. Without one the agent serves exec sessions only, until `signal`
   * aborts: a Lambda instance, whose main activity is the Runtime API loop.
   */
  main?: ProcessSpec;
  /** Environment and working directory for exec sessions when there is no main command. */
  base?: { env?: Record<string, string>; workdir?: string };
  /** Ends an agent that has no main command. */
  signal?: AbortSignal;
  /**
   * The workload's own stdin, copied into the main command's: a container's stdin is its
   * command's, so one started without `-i` (stdin at EOF) gives its command EOF too. Attach
   * sessions write into the same stdin while it is open.
   */
  stdin?: ReadableStream<Uint8Array>;
  /** A Lambda instance's invocations, which attach frames naming one join. */
  invocations?: InvocationSessions;
  /** Where main output is copied for the platform's logs. */
  stdout: WritableStream<Uint8Array>;
  stderr: WritableStream<Uint8Array>;
}

interface Session {
  process: AgentProcess;
  stdin: WritableStreamDefaultWriter<Uint8Array>;
}

/** Runs the agent until the main process exits (or `signal` aborts); resolves to its exit status. */
export async function runAgent(options: AgentOptions): Promise<number> {
  const { launcher } = options;
  const connect = options.connect ?? _once(options.channel);
  const redial = options.redial ?? { initialMs: 250, maxMs: 20_000 };
  /** The live connection; frames for a dropped one are discarded. */
  let current: AgentChannel | undefined;
  const channel = {
    send: (frame: Parameters<AgentChannel["send"]>[0]) => current?.send(frame),
  };
  if (!options.main && !options.signal) {
    throw new Error("runAgent needs a main command or a signal");
  }
  const main = options.main ? await launcher.spawn(options.main) : undefined;
  const base = options.main ?? options.base ?? {};
  const mainDone = new AbortController();
  const sessions = new Map<string, Session>();
  const mainSession: Session | undefined = main &&
    { process: main, stdin: main.stdin.getWriter() };
  if (mainSession) sessions.set(MAIN_SESSION, mainSession);
  if (mainSession && options.stdin) {
    const input = options.stdin;
    void (async () => {
      for await (const chunk of input) await mainSession.stdin.write(chunk);
      await mainSession.stdin.close();
    })().catch(() => {
      // The command exited or an attach closed its stdin first: nothing is left to feed.
    });
  }
  /** Attach sessions share the main process: their ids receive its output. */
  const attached = new Set<string>();
  // Main output kept for the first `fromStart` attach (REPLAY_ENV), until one comes. Only an
  // agent that dials its backend does this: one on a fixed channel serves a runtime in-process
  // (the AWS simulator's, whose main command may be a dial-back agent told to replay).
  const replayMs = options.connect ? Number(options.main?.env?.[REPLAY_ENV] ?? 0) : 0;
  let backlog: { type: "stdout" | "stderr"; data: string }[] | undefined = replayMs > 0
    ? []
    : undefined;
  const replayed = Promise.withResolvers<void>();
  // The replay's attach, and its acknowledgement: the backend closes that session's stdin once it
  // has the exit, and the agent ends only then (bounded), since a workload's end may drop frames
  // still in flight (the AWS simulator's bridge does), and these are the client's only copy.
  let replayId: string | undefined;
  const acknowledged = Promise.withResolvers<void>();

  const copyMain = async (
    stream: ReadableStream<Uint8Array>,
    sink: WritableStream<Uint8Array>,
    type: "stdout" | "stderr",
  ) => {
    const writer = sink.getWriter();
    for await (const chunk of stream) {
      await writer.write(chunk);
      const data = encodeBytes(chunk);
      backlog?.push({ type, data });
      for (const id of attached) channel.send({ type, id, data });
    }
    writer.releaseLock();
  };
  const mainOutput = main
    ? Promise.all([
      copyMain(main.stdout, options.stdout, "stdout"),
      copyMain(main.stderr, options.stderr, "stderr"),
    ])
    : Promise.resolve();

  /** Attaches joined to a Lambda invocation rather than a process of this agent. */
  const invocationAttaches = new Set<string>();

  /** Sessions being spawned: frames for them wait until the process exists, keeping order. */
  const spawning = new Map<string, Promise<void>>();

  const startExec = (
    frame: Extract<BackendFrame, { type: "exec" }>,
    owner: AgentChannel,
  ): Promise<void> => {
    // A session's frames go only to the connection that opened it, never to a successor.
    const reply = (f: Parameters<AgentChannel["send"]>[0]) => {
      if (current === owner) owner.send(f);
    };
    if (sessions.has(frame.id) || attached.has(frame.id) || spawning.has(frame.id)) {
      reply({ type: "error", id: frame.id, message: `session ${frame.id} already exists` });
      return Promise.resolve();
    }
    let session: Session | undefined;
    const spawned = launcher.spawn({
      argv: frame.cmd,
      env: { ...base.env, ...frame.env },
      workdir: frame.workdir ?? base.workdir,
      tty: frame.tty,
    }).then((process) => {
      session = { process, stdin: process.stdin.getWriter() };
      if (current === owner) sessions.set(frame.id, session);
      else process.kill("SIGHUP");
      return process;
    }, (e) => {
      reply({ type: "error", id: frame.id, message: (e as Error).message });
      reply({ type: "exit", id: frame.id, code: 126 });
      return undefined;
    }).finally(() => spawning.delete(frame.id));
    const ready = spawned.then(() => {});
    spawning.set(frame.id, ready);
    void spawned.then(async (process) => {
      if (!process) return;
      const pump = async (stream: ReadableStream<Uint8Array>, type: "stdout" | "stderr") => {
        for await (const chunk of stream) reply({ type, id: frame.id, data: encodeBytes(chunk) });
      };
      await Promise.all([pump(process.stdout, "stdout"), pump(process.stderr, "stderr")]);
      const code = await process.exited;
      if (sessions.get(frame.id) === session) sessions.delete(frame.id);
      reply({ type: "exit", id: frame.id, code });
    });
    return ready;
  };

  const target = async (id: string): Promise<Session | undefined> => {
    await spawning.get(id);
    return attached.has(id) ? mainSession : sessions.get(id);
  };

  const serveConnection = async (connection: AgentChannel) => {
    for await (const frame of connection.frames) {
      switch (frame.type) {
        case "exec":
          void startExec(frame, connection);
          break;
        case "attach":
          if (mainSession) {
            // Sent before the attach joins, in this same turn: no chunk is missed or doubled.
            if (frame.fromStart && backlog) {
              for (const { type, data } of backlog) connection.send({ type, id: frame.id, data });
              backlog = undefined;
              replayId = frame.id;
              replayed.resolve();
            }
            attached.add(frame.id);
          } else if (options.invocations && frame.invocation) {
            // The session ends with the invocation; its frames go to the connection that asked.
            const id = frame.id;
            invocationAttaches.add(id);
            options.invocations.join(frame.invocation, (f) => {
              if (current === connection) connection.send({ ...f, id });
            }, replayWaitMs(options));
          } else {
            connection.send({
              type: "error",
              id: frame.id,
              message: "this workload has no main process to attach to",
            });
          }
          break;
        case "stdin":
        case "close_stdin":
        case "signal":
        case "resize": {
          if (frame.type === "close_stdin" && frame.id === replayId) acknowledged.resolve();
          // An invocation's attach has no stdin (the event was its input): the backend closes it
          // as its acknowledgement, which an instance that outlives the invocation needs not.
          if (invocationAttaches.has(frame.id)) {
            if (frame.type === "close_stdin") invocationAttaches.delete(frame.id);
            break;
          }
          const session = await target(frame.id);
          if (!session) {
            connection.send({ type: "error", id: frame.id, message: `no session ${frame.id}` });
          } else if (frame.type === "stdin") {
            await session.stdin.write(decodeBytes(frame.data)).catch(() => {});
          } else if (frame.type === "close_stdin") {
            await session.stdin.close().catch(() => {});
          } else if (frame.type === "signal") {
            session.process.kill(frame.signal);
          } else if (session.process.resize) {
            session.process.resize(frame.width, frame.height);
          } else {
            connection.send({
              type: "error",
              id: frame.id,
              message: "resize needs a TTY, and this session has none",
            });
          }
        }
      }
    }
  };
  const serve = async () => {
    let delay = redial.initialMs;
    while (!mainDone.signal.aborted) {
      let connection: AgentChannel;
      try {
        connection = await connect(mainDone.signal);
      } catch {
        if (mainDone.signal.aborted) return;
        await _sleep(delay, mainDone.signal);
        delay = Math.min(delay * 2, redial.maxMs);
        continue;
      }
      delay = redial.initialMs;
      current = connection;
      connection.send({ type: "hello", containerId: options.containerId });
      await serveConnection(connection);
      if (current === connection) current = undefined;
      // The backend that owned these sessions is gone: hang them up and forget their ids.
      attached.clear();
      invocationAttaches.clear();
      for (const [id, s] of sessions) {
        if (id === MAIN_SESSION) continue;
        s.process.kill("SIGHUP");
        sessions.delete(id);
      }
    }
  };
  const serving = serve();

  const code = main ? await main.exited : await new Promise<number>((resolve) => {
    if (options.signal!.aborted) return resolve(0);
    options.signal!.addEventListener("abort", () => resolve(0), { once: true });
  });
  await mainOutput;
  if (backlog) {
    // The attached client waits for this output: give its attach a bounded while to come.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([replayed.promise, new Promise((r) => timer = setTimeout(r, replayMs))]);
    clearTimeout(timer);
  }
  for (const id of attached) channel.send({ type: "exit", id, code });
  if (main) channel.send({ type: "exit", id: MAIN_SESSION, code });
  if (replayId) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([acknowledged.promise, new Promise((r) => timer = setTimeout(r, replayMs))]);
    clearTimeout(timer);
  }
  // Exec sessions die with the container, as they do when a container's init exits.
  for (const [id, s] of sessions) if (id !== MAIN_SESSION) s.process.kill("SIGKILL");
  mainDone.abort();
  current?.close();
  await serving.catch(() => {});
  return code;
}

/** How long an invocation's attach waits for the invocation to begin. */
function replayWaitMs(options: AgentOptions): number {
  return Number(options.base?.env?.[REPLAY_ENV] ?? 0) || 30_000;
}

/** A `connect` that hands out one channel, then waits until the agent is done. */
function _once(channel: AgentChannel | undefined): (signal: AbortSignal) => Promise<AgentChannel> {
  if (!channel) throw new Error("runAgent needs a channel or a connect function");
  let used = false;
  return (signal) => {
    if (!used) {
      used = true;
      return Promise.resolve(channel);
    }
    return new Promise((_, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  };
}

function _sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
