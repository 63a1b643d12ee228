/**
 * TTY resizes on the memory backend (`POST /containers/{id}/resize`, `POST /exec/{id}/resize`).
 * The sandbox's terminals have no window size a program can query (no ioctl), so the size is
 * recorded here and the process gets SIGWINCH, which is what a resize tells a real program
 * (a shell can `trap … WINCH`). Without a TTY there is no terminal to resize: only recorded.
 *
 * @module
 */
import { Conflict, InvalidParameter, NotFound } from "../core/errors.ts";
import type { Container } from "./container.ts";
import type { ExecSession } from "./exec_session.ts";
import type { MemoryBackendState } from "./state.ts";

export interface TerminalSize {
  height: number;
  width: number;
}

const sizes = new WeakMap<Container | ExecSession, TerminalSize>();

/** The last size a client set for a container's or exec's TTY. */
export function terminalSize(target: Container | ExecSession): TerminalSize | undefined {
  return sizes.get(target);
}

/** How long an exec resize waits for its exec to start, as moby does (10 s). */
const EXEC_START_WAIT_MS = 10_000;

function checkSize(size: TerminalSize): void {
  for (const [name, value] of [["h", size.height], ["w", size.width]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new InvalidParameter(`invalid value for ${name}: ${value}`);
    }
  }
}

/** `POST /containers/{id}/resize`: 409 when the container is not running, as moby answers. */
export async function resizeContainer(
  state: MemoryBackendState,
  id: string,
  size: TerminalSize,
): Promise<void> {
  checkSize(size);
  const c = state.containers.get(id);
  if (!c.running) throw new Conflict(`Container ${c.id} is not running`);
  sizes.set(c, size);
  if (c.config.Tty && c.mainPid) {
    await c.actor.ask({ type: "signal", pid: c.mainPid, signal: "SIGWINCH" });
  }
}

/** Resolves once the exec's process has a pid (its start is under way), or rejects after 10 s. */
async function execStarted(exec: ExecSession): Promise<void> {
  const deadline = Date.now() + EXEC_START_WAIT_MS;
  while (exec.pid === 0) {
    if (Date.now() > deadline) throw new Error("timeout waiting for exec session ready");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `POST /exec/{id}/resize`. */
export async function resizeExec(
  state: MemoryBackendState,
  id: string,
  size: TerminalSize,
): Promise<void> {
  checkSize(size);
  const exec = state.execs.get(id);
  if (!exec) throw new NotFound(`No such exec instance: ${id}`);
  await execStarted(exec);
  sizes.set(exec, size);
  if (!exec.running) throw new Conflict(`exec ${exec.id} is not running`);
  if (exec.body.Tty) {
    await exec.container.actor.ask({ type: "signal", pid: exec.pid, signal: "SIGWINCH" });
  }
}
