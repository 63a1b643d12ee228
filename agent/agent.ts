/**
 * The agent: runs the workload's main command, keeps serving the backend over its channel
 * (exec sessions, attach to the main process, stdin, close_stdin, signals, resize) and resolves
 * to the main command's exit status. Main output also goes to the agent's own stdout/stderr,
 * which is what the platform's log driver collects.
 *
 * @module
 */
import type { AgentChannel } from "./channel.ts";
import type { AgentProcess, ProcessLauncher, ProcessSpec } from "./process.ts";
import { type BackendFrame, decodeBytes, encodeBytes, MAIN_SESSION } from "./protocol.ts";

export interface AgentOptions {
  containerId: string;
  channel: AgentChannel;
  launcher: ProcessLauncher;
  main: ProcessSpec;
  /** Where main output is copied for the platform's logs. */
  stdout: WritableStream<Uint8Array>;
  stderr: WritableStream<Uint8Array>;
}

interface Session {
  process: AgentProcess;
  stdin: WritableStreamDefaultWriter<Uint8Array>;
}

/** Runs the agent until the main process exits; resolves to its exit status. */
export async function runAgent(options: AgentOptions): Promise<number> {
  const { channel, launcher } = options;
  const main = await launcher.spawn(options.main);
  const sessions = new Map<string, Session>();
  const mainSession: Session = { process: main, stdin: main.stdin.getWriter() };
  sessions.set(MAIN_SESSION, mainSession);
  /** Attach sessions share the main process: their ids receive its output. */
  const attached = new Set<string>();
  channel.send({ type: "hello", containerId: options.containerId });

  const copyMain = async (
    stream: ReadableStream<Uint8Array>,
    sink: WritableStream<Uint8Array>,
    type: "stdout" | "stderr",
  ) => {
    const writer = sink.getWriter();
    for await (const chunk of stream) {
      await writer.write(chunk);
      const data = encodeBytes(chunk);
      for (const id of attached) channel.send({ type, id, data });
    }
    writer.releaseLock();
  };
  const mainOutput = Promise.all([
    copyMain(main.stdout, options.stdout, "stdout"),
    copyMain(main.stderr, options.stderr, "stderr"),
  ]);

  /** Sessions being spawned: frames for them wait until the process exists, keeping order. */
  const spawning = new Map<string, Promise<void>>();

  const startExec = (frame: Extract<BackendFrame, { type: "exec" }>): Promise<void> => {
    if (sessions.has(frame.id) || attached.has(frame.id) || spawning.has(frame.id)) {
      channel.send({ type: "error", id: frame.id, message: `session ${frame.id} already exists` });
      return Promise.resolve();
    }
    const spawned = launcher.spawn({
      argv: frame.cmd,
      env: { ...options.main.env, ...frame.env },
      workdir: frame.workdir ?? options.main.workdir,
      tty: frame.tty,
    }).then((process) => {
      sessions.set(frame.id, { process, stdin: process.stdin.getWriter() });
      return process;
    }, (e) => {
      channel.send({ type: "error", id: frame.id, message: (e as Error).message });
      channel.send({ type: "exit", id: frame.id, code: 126 });
      return undefined;
    }).finally(() => spawning.delete(frame.id));
    const ready = spawned.then(() => {});
    spawning.set(frame.id, ready);
    void spawned.then(async (process) => {
      if (!process) return;
      const pump = async (stream: ReadableStream<Uint8Array>, type: "stdout" | "stderr") => {
        for await (const chunk of stream) {
          channel.send({ type, id: frame.id, data: encodeBytes(chunk) });
        }
      };
      await Promise.all([pump(process.stdout, "stdout"), pump(process.stderr, "stderr")]);
      const code = await process.exited;
      sessions.delete(frame.id);
      channel.send({ type: "exit", id: frame.id, code });
    });
    return ready;
  };

  const target = async (id: string): Promise<Session | undefined> => {
    await spawning.get(id);
    return attached.has(id) ? mainSession : sessions.get(id);
  };

  const serve = async () => {
    for await (const frame of channel.frames) {
      switch (frame.type) {
        case "exec":
          void startExec(frame);
          break;
        case "attach":
          attached.add(frame.id);
          break;
        case "stdin":
        case "close_stdin":
        case "signal":
        case "resize": {
          const session = await target(frame.id);
          if (!session) {
            channel.send({ type: "error", id: frame.id, message: `no session ${frame.id}` });
          } else if (frame.type === "stdin") {
            await session.stdin.write(decodeBytes(frame.data)).catch(() => {});
          } else if (frame.type === "close_stdin") {
            await session.stdin.close().catch(() => {});
          } else if (frame.type === "signal") {
            session.process.kill(frame.signal);
          } else if (session.process.resize) {
            session.process.resize(frame.width, frame.height);
          } else {
            channel.send({
              type: "error",
              id: frame.id,
              message: "resize needs a TTY, and this session has none",
            });
          }
        }
      }
    }
  };
  const serving = serve();

  const code = await main.exited;
  await mainOutput;
  for (const id of attached) channel.send({ type: "exit", id, code });
  channel.send({ type: "exit", id: MAIN_SESSION, code });
  // Exec sessions die with the container, as they do when a container's init exits.
  for (const [id, s] of sessions) if (id !== MAIN_SESSION) s.process.kill("SIGKILL");
  channel.close();
  await serving.catch(() => {});
  return code;
}
