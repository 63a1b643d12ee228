/**
 * `docker exec` on Lambda goes through the function's agent, which dialled back to this
 * backend's listener when its instance started: one exec model, no invoke-per-exec. An exec
 * whose agent is not connected fails saying so. Exec records live only as long as this process,
 * as in Docker.
 *
 * @module
 */
import type { OutputChunk } from "../core/container_types.ts";
import { Conflict, NotFound, NotImplemented } from "../core/errors.ts";
import { newId } from "../core/names.ts";
import type { AttachedStreams, ExecCreateBody, ExecInspect } from "../core/protocol.ts";
import { isRunning, type LambdaBackendState } from "./state.ts";

export interface LambdaExec {
  id: string;
  containerId: string;
  body: ExecCreateBody;
  running: boolean;
  exitCode: number | null;
  /** Why the session ended without a status (the agent dropped), for the client's stderr. */
  failure?: string;
}

/** How long an exec waits for an agent that is reconnecting. */
const AGENT_WAIT_MS = 10_000;

export async function createExec(
  state: LambdaBackendState,
  r: { id: string; body: ExecCreateBody },
): Promise<{ Id: string }> {
  const c = await state.directory.get(r.id);
  if (!isRunning(c)) throw new Conflict(`container ${c.id} is not running`);
  if (!r.body.Cmd?.length) throw new Conflict("No exec command specified");
  if (r.body.Tty) {
    throw new NotImplemented("lambda backend: exec sessions have no TTY (docker exec -t)");
  }
  if (r.body.User) {
    throw new NotImplemented("lambda backend: Lambda runs every process as the function's user");
  }
  const id = newId();
  state.execs.set(id, { id, containerId: c.id, body: r.body, running: false, exitCode: null });
  return { Id: id };
}

export async function startExec(
  state: LambdaBackendState,
  r: { id: string; detach: boolean },
): Promise<AttachedStreams | null> {
  const exec = state.execs.get(r.id);
  if (!exec) throw new NotFound(`No such exec instance: ${r.id}`);
  if (exec.running || exec.exitCode !== null) throw new Conflict(`exec ${r.id} has already run`);
  const c = await state.directory.get(exec.containerId);
  if (!isRunning(c)) throw new Conflict(`container ${c.id} is not running`);
  const connection = await state.listener.waitFor(c.id, AbortSignal.timeout(AGENT_WAIT_MS))
    .catch(() => {
      throw new Error(
        `lambda backend: the agent of function ${c.functionName} is not connected, so exec ` +
          "cannot reach the container",
      );
    });
  const env = Object.fromEntries(
    (exec.body.Env ?? []).filter((p) => p.includes("=")).map((p) => {
      const at = p.indexOf("=");
      return [p.slice(0, at), p.slice(at + 1)];
    }),
  );
  const session = connection.exec({
    cmd: exec.body.Cmd!,
    env,
    ...(exec.body.WorkingDir ? { workdir: exec.body.WorkingDir } : {}),
  });
  exec.running = true;
  const finished = session.exited.then((code) => code, (error: Error) => {
    exec.failure = error.message;
    return 255;
  }).then((code) => {
    exec.running = false;
    exec.exitCode = code;
  });
  if (!exec.body.AttachStdin) await session.stdin.close().catch(() => {});
  const output = merge(session.stdout, session.stderr, finished, exec);
  if (r.detach) {
    void output.pipeTo(new WritableStream()).catch(() => {});
    return null;
  }
  return { tty: false, output, ...(exec.body.AttachStdin ? { stdin: session.stdin } : {}) };
}

/** stdout and stderr as one chunk stream, closed once both end and the status is known. */
function merge(
  stdout: ReadableStream<Uint8Array>,
  stderr: ReadableStream<Uint8Array>,
  finished: Promise<void>,
  exec: LambdaExec,
): ReadableStream<OutputChunk> {
  return new ReadableStream<OutputChunk>({
    async start(controller) {
      const pump = async (s: ReadableStream<Uint8Array>, stream: 1 | 2) => {
        for await (const data of s) controller.enqueue({ stream, data, time: Date.now() });
      };
      await Promise.all([pump(stdout, 1), pump(stderr, 2), finished]);
      if (exec.failure) {
        controller.enqueue({
          stream: 2,
          data: new TextEncoder().encode(`lambda exec: ${exec.failure}\n`),
          time: Date.now(),
        });
      }
      controller.close();
    },
  });
}

export function inspectExec(state: LambdaBackendState, id: string): ExecInspect {
  const exec = state.execs.get(id);
  if (!exec) throw new NotFound(`No such exec instance: ${id}`);
  const [entrypoint, ...args] = exec.body.Cmd ?? [];
  return {
    ID: exec.id,
    Running: exec.running,
    ExitCode: exec.exitCode,
    ProcessConfig: { tty: false, entrypoint, arguments: args, privileged: false, user: "" },
    OpenStdin: exec.body.AttachStdin === true,
    OpenStderr: exec.body.AttachStderr === true,
    OpenStdout: exec.body.AttachStdout === true,
    CanRemove: false,
    ContainerID: exec.containerId,
    DetachKeys: "",
    Pid: 0,
  };
}
