/**
 * `docker exec` on ECS: ExecuteCommand opens a session in the running task and its stream
 * carries the process's output and exit status. Real ECS speaks SSM Session Manager's binary
 * protocol on that stream; the AWS simulator speaks the agent's JSON frames (agent/protocol.ts),
 * which is what this file drives. Exec records live only as long as this process, as in Docker.
 *
 * @module
 */
import { ExecuteCommandCommand } from "@aws-sdk/client-ecs";
import { decodeBytes, encodeBytes } from "../../agent/protocol.ts";
import type { OutputChunk } from "../core/container_types.ts";
import { Conflict, NotFound, NotImplemented } from "../core/errors.ts";
import { newId } from "../core/names.ts";
import type { AttachedStreams, ExecCreateBody, ExecInspect } from "../core/protocol.ts";
import { CLUSTER, CONTAINER } from "./cloud.ts";
import { type EcsBackendState, isRunning } from "./state.ts";

export interface EcsExec {
  id: string;
  containerId: string;
  body: ExecCreateBody;
  running: boolean;
  exitCode: number | null;
}

/** POSIX single quoting: the session runs its command through `/bin/sh -c`. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The one command string ExecuteCommand takes, with the exec's environment and directory. */
export function execCommand(body: ExecCreateBody): string {
  const parts: string[] = [];
  if (body.WorkingDir) parts.push(`cd ${shellQuote(body.WorkingDir)} &&`);
  const env = (body.Env ?? []).filter((pair) => pair.includes("="));
  if (env.length) parts.push("env", ...env.map(shellQuote));
  parts.push(...(body.Cmd ?? []).map(shellQuote));
  return parts.join(" ");
}

export async function createExec(
  state: EcsBackendState,
  r: { id: string; body: ExecCreateBody },
): Promise<{ Id: string }> {
  const c = await state.directory.get(r.id);
  if (!isRunning(c)) throw new Conflict(`container ${c.id} is not running`);
  if (!r.body.Cmd?.length) throw new Conflict("No exec command specified");
  if (r.body.Tty) {
    throw new NotImplemented("ecs backend: ECS exec sessions have no TTY (docker exec -t)");
  }
  if (r.body.User) {
    throw new NotImplemented("ecs backend: ECS ExecuteCommand cannot run as another user");
  }
  const id = newId();
  state.execs.set(id, { id, containerId: c.id, body: r.body, running: false, exitCode: null });
  return { Id: id };
}

export async function startExec(
  state: EcsBackendState,
  r: { id: string; detach: boolean },
): Promise<AttachedStreams | null> {
  const exec = state.execs.get(r.id);
  if (!exec) throw new NotFound(`No such exec instance: ${r.id}`);
  if (exec.running || exec.exitCode !== null) {
    throw new Conflict(`exec ${r.id} has already run`);
  }
  const c = await state.directory.get(exec.containerId);
  if (!isRunning(c)) throw new Conflict(`container ${c.id} is not running`);
  const { session } = await state.cloud.ecs.send(
    new ExecuteCommandCommand({
      cluster: CLUSTER,
      task: c.task!.taskArn,
      container: CONTAINER,
      interactive: true,
      command: execCommand(exec.body),
    }),
  );
  if (!session?.streamUrl || !session.tokenValue) {
    throw new Error("ecs backend: ExecuteCommand answered without a session stream");
  }
  const socket = new WebSocket(session.streamUrl, {
    headers: { authorization: `Bearer ${session.tokenValue}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", (e) => {
      reject(
        new Error(`ecs backend: exec stream ${session.streamUrl}: ${(e as ErrorEvent).message}`),
      );
    }, { once: true });
  });
  exec.running = true;
  const send = (frame: Record<string, unknown>) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };
  const finish = (code: number) => {
    if (!exec.running) return;
    exec.running = false;
    exec.exitCode = code;
  };
  const output = new ReadableStream<OutputChunk>({
    start(controller) {
      socket.addEventListener("message", (e) => {
        const frame = JSON.parse(String(e.data));
        if (frame.type === "stdout" || frame.type === "stderr") {
          controller.enqueue({
            stream: frame.type === "stdout" ? 1 : 2,
            data: decodeBytes(frame.data),
            time: Date.now(),
          });
        } else if (frame.type === "exit") {
          finish(frame.code);
        } else if (frame.type === "error") {
          controller.enqueue({
            stream: 2,
            data: new TextEncoder().encode(`ecs exec: ${frame.message}\n`),
            time: Date.now(),
          });
          finish(126);
        }
      });
      socket.addEventListener("close", () => {
        // A stream that ends without an exit frame leaves no status to report: say so.
        if (exec.running) {
          controller.enqueue({
            stream: 2,
            data: new TextEncoder().encode("ecs exec: the session ended without an exit status\n"),
            time: Date.now(),
          });
          finish(255);
        }
        controller.close();
      });
    },
    cancel() {
      socket.close(1000, "client went away");
    },
  });
  if (!exec.body.AttachStdin) send({ type: "close_stdin", id: session.sessionId });
  if (r.detach) {
    void output.pipeTo(new WritableStream()).catch(() => {});
    return null;
  }
  const stdin = exec.body.AttachStdin
    ? new WritableStream<Uint8Array>({
      write: (chunk) => send({ type: "stdin", id: session.sessionId, data: encodeBytes(chunk) }),
      close: () => send({ type: "close_stdin", id: session.sessionId }),
    })
    : undefined;
  return { tty: false, output, ...(stdin ? { stdin } : {}) };
}

export function inspectExec(state: EcsBackendState, id: string): ExecInspect {
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
