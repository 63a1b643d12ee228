/**
 * `docker exec` on the memory backend: create, start (attached or detached), inspect. An exec
 * runs in the container's sandbox beside the main process; it ends when its process exits, even
 * if the client's stdin is still open.
 *
 * @module
 */
import type { OutputChunk } from "../core/container_types.ts";
import { Conflict, InvalidParameter, NotFound } from "../core/errors.ts";
import { newId } from "../core/names.ts";
import { receiveOnce } from "../core/one_shot_port.ts";
import { watchEnd } from "../core/stream_end.ts";
import type { AttachedStreams, ExecCreateBody } from "../core/protocol.ts";
import type { RunReply } from "./container/protocol.ts";
import { mergeEnv } from "./create.ts";
import { ExecSession } from "./exec_session.ts";
import type { MemoryBackendState } from "./state.ts";
import { linkEnvironmentOf } from "./network_links.ts";

function mustRun(state: MemoryBackendState, ref: string) {
  const c = state.containers.get(ref);
  if (c.state.Paused) {
    throw new Conflict(`Container ${c.id} is paused, unpause the container before exec`);
  }
  if (!c.running) throw new Conflict(`Container ${c.id} is not running`);
  return c;
}

export function createExec(
  state: MemoryBackendState,
  request: { id: string; body: ExecCreateBody },
): { Id: string } {
  const body = request.body ?? {};
  const c = mustRun(state, request.id);
  if (!Array.isArray(body.Cmd) || body.Cmd.length === 0) {
    throw new InvalidParameter("No exec command specified");
  }
  const session = new ExecSession(newId(), c, body);
  state.execs.set(session.id, session);
  c.execIds.add(session.id);
  state.events.publish("container", `exec_create: ${body.Cmd.join(" ")}`, {
    ID: c.id,
    Attributes: c.eventAttributes({ execID: session.id }),
  });
  return { Id: session.id };
}

function session(state: MemoryBackendState, id: string): ExecSession {
  const found = state.execs.get(id);
  if (!found) throw new NotFound(`No such exec instance: ${id}`);
  return found;
}

export async function startExec(
  state: MemoryBackendState,
  request: { id: string; detach: boolean; tty: boolean },
): Promise<AttachedStreams | null> {
  const exec = session(state, request.id);
  if (exec.running) throw new Conflict(`Exec command ${exec.id} is already running`);
  if (exec.started) throw new Conflict(`Exec command ${exec.id} has already run`);
  const c = mustRun(state, exec.container.id);
  const body = exec.body;
  const tty = Boolean(body.Tty || request.tty);
  const attachStdin = Boolean(body.AttachStdin) && !request.detach;
  exec.started = true;
  const launch = async (): Promise<RunReply> => {
    const reply = await c.actor.ask<RunReply>({
      type: "run",
      role: "exec",
      process: {
        argv: exec.argv,
        env: mergeEnv(linkEnvironmentOf(c), c.config.Env, body.Env),
        cwd: body.WorkingDir || c.config.WorkingDir || "/",
        user: body.User || c.config.User || "",
        tty,
        openStdin: attachStdin,
      },
    });
    exec.running = true;
    exec.pid = reply.pid;
    state.events.publish("container", `exec_start: ${exec.argv.join(" ")}`, {
      ID: c.id,
      Attributes: attrs,
    });
    receiveOnce<{ status: number }>(reply.exit, async ({ status }) => {
      await outputDone;
      finish(status);
    });
    return reply;
  };
  const attrs = c.eventAttributes({ execID: exec.id });
  const finish = (status: number) => {
    exec.running = false;
    exec.exitCode = status;
    state.events.publish("container", "exec_die", {
      ID: c.id,
      Attributes: { ...attrs, exitCode: String(status) },
    });
  };
  let settled!: () => void;
  const outputDone = new Promise<void>((resolve) => settled = resolve);
  if (request.detach) {
    const reply = await launch();
    reply.output.pipeTo(new WritableStream()).finally(settled);
    return null;
  }
  const pipe = attachStdin ? new TransformStream<Uint8Array, Uint8Array>() : undefined;
  const wanted = (chunk: OutputChunk) =>
    chunk.stream === 1 ? body.AttachStdout !== false : body.AttachStderr !== false;
  // The process starts when the client first reads, which is after the hijack's 101: as with
  // dockerd, no output can reach the client before the upgrade response (python3-docker loses
  // bytes that arrive together with it).
  const output = lazyStream(async () => {
    let reply: RunReply;
    try {
      reply = await launch();
    } catch (error) {
      settled();
      finish(126);
      const message = `${(error as Error).message}\n`;
      return ReadableStream.from([{
        stream: 2 as const,
        data: new TextEncoder().encode(message),
        time: Date.now(),
      }]);
    }
    if (pipe) {
      // Asked, not told: a process that already exited answers Conflict, which must not crash
      // the container actor (a told message's error does); its stdin then has nowhere to go.
      c.actor.ask({ type: "stdin", pid: reply.pid, stream: pipe.readable, closeAtEnd: true }, {
        transfer: [pipe.readable],
      }).catch(() => {});
    }
    return watchEnd(reply.output, settled, wanted);
  });
  return { tty, output, stdin: pipe?.writable };
}

/** A stream whose source is opened on the first read. */
function lazyStream<T>(open: () => Promise<ReadableStream<T>>): ReadableStream<T> {
  let reader: ReadableStreamDefaultReader<T> | undefined;
  return new ReadableStream<T>({
    async pull(controller) {
      reader ??= (await open()).getReader();
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

export function inspectExec(state: MemoryBackendState, id: string) {
  return session(state, id).inspect();
}
