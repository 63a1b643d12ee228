/**
 * Container lifecycle on the memory backend: start, stop (StopSignal, timeout, then SIGKILL),
 * kill, restart, wait and remove, with moby's status codes (304 for no-ops, 409 for conflicts)
 * and its events (start, kill, die, stop, restart, destroy).
 *
 * @module
 */
import { Conflict, NotModified } from "../core/errors.ts";
import { receiveOnce } from "../core/one_shot_port.ts";
import type { WaitCondition, WaitResult } from "../core/protocol.ts";
import { signalNumber } from "../../sandbox/mod.ts";
import { parseSignal } from "./container/signals.ts";
import type { Container } from "./container.ts";
import type { RunReply } from "./container/protocol.ts";
import { startHealthMonitor, stopHealthMonitor } from "./health.ts";
import { leaveNetworks, networkStarting, networkStopped } from "./network_vnet.ts";
import { publishVolumeEvents, releaseMounts } from "./mounts.ts";
import { recordStartIntent } from "./persist/start_intent.ts";
import { cancelRestart, resetRestartPolicy, scheduleRestart } from "./restart_policy.ts";
import type { MemoryBackendState } from "./state.ts";

/** How long `docker stop` waits by default before SIGKILL, in seconds. */
export const DEFAULT_STOP_TIMEOUT = 10;

function publish(state: MemoryBackendState, c: Container, action: string, extra = {}): void {
  state.events.publish("container", action, { ID: c.id, Attributes: c.eventAttributes(extra) });
}

/** Starts the main process; 304 when it already runs. */
export async function startContainer(
  state: MemoryBackendState,
  id: string,
  options: { byPolicy?: boolean } = {},
): Promise<void> {
  const c = state.containers.get(id);
  if (!options.byPolicy) resetRestartPolicy(c);
  if (c.state.Paused) throw new Conflict("cannot start a paused container, try unpause instead");
  if (c.running) throw new NotModified();
  if (c.removing) {
    throw new Conflict(`container ${c.id} is marked for removal and cannot be started`);
  }
  if (c.actorLost) {
    throw new Conflict(`container ${c.id} cannot start: ${c.actorLost}`);
  }
  await recordStartIntent(state, c);
  const linkEnv = await networkStarting(state, c);
  const reply = await c.actor.ask<RunReply>({
    type: "run",
    role: "main",
    process: {
      argv: [c.path, ...c.args],
      env: [...linkEnv, ...(c.config.Env ?? [])],
      cwd: c.config.WorkingDir || "/",
      user: c.config.User ?? "",
      tty: Boolean(c.config.Tty),
      openStdin: Boolean(c.config.OpenStdin),
    },
  }).catch((error) => {
    networkStopped(state, c);
    throw error;
  });
  c.started(reply.pid);
  publishVolumeEvents(state, c, "mount");
  publish(state, c, "start");
  startHealthMonitor(state, c);
  if (c.pendingStdin) {
    const { stream, closeAtEnd } = c.pendingStdin;
    c.pendingStdin = undefined;
    // Asked, not told: a main process that already exited (compose run of a quick command)
    // answers Conflict, which would crash the container actor as a told message's error.
    c.actor.ask({ type: "stdin", pid: reply.pid, stream, closeAtEnd }, { transfer: [stream] })
      .catch(() => {});
  }
  const outputDone = reply.output.pipeTo(
    new WritableStream({ write: (chunk) => c.logs.append(chunk) }),
  )
    .catch(() => {});
  receiveOnce<{ status: number }>(reply.exit, async ({ status }) => {
    await outputDone;
    onExit(state, c, status);
  });
}

/** Records an exit: waiters, the die event, then AutoRemove. */
export function onExit(state: MemoryBackendState, c: Container, status: number, error = ""): void {
  if (!c.running) return;
  c.exited(status, error);
  networkStopped(state, c);
  stopHealthMonitor(c);
  publish(state, c, "die", { exitCode: String(status) });
  publishVolumeEvents(state, c, "unmount");
  if (scheduleRestart(c, status, () => startContainer(state, c.id, { byPolicy: true }))) {
    return;
  }
  if (c.hostConfig.AutoRemove && !c.stopping) {
    removeContainer(state, c.id, { force: true, volumes: true }).catch(() => {});
  }
}

async function signal(state: MemoryBackendState, c: Container, raw: string): Promise<void> {
  const name = parseSignal(raw);
  publish(state, c, "kill", { signal: String(signalNumber(name)) });
  await c.actor.ask({ type: "signal", pid: c.mainPid, signal: name });
}

/** Resolves when the container is no longer running, or after `ms` (false then). */
function exitWithin(c: Container, ms: number): Promise<boolean> {
  if (!c.running) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = ms < 0 ? undefined : setTimeout(() => resolve(false), ms);
    c.wait("not-running").then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops the container: its stop signal, then SIGKILL after the timeout. 304 if not running. */
export async function stopContainer(
  state: MemoryBackendState,
  id: string,
  options: { signal?: string; timeout?: number } = {},
): Promise<void> {
  const c = state.containers.get(id);
  cancelRestart(c);
  if (!c.running) throw new NotModified();
  const timeout = options.timeout ?? c.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT;
  c.stopping = true;
  try {
    await signal(state, c, options.signal || c.config.StopSignal || "SIGTERM");
    if (!await exitWithin(c, timeout < 0 ? -1 : timeout * 1000)) {
      await signal(state, c, "SIGKILL");
      await exitWithin(c, -1);
    }
  } finally {
    c.stopping = false;
  }
  publish(state, c, "stop");
  if (c.hostConfig.AutoRemove) {
    await removeContainer(state, c.id, { force: true, volumes: true }).catch(() => {});
  }
}

/** Sends a signal; 409 when the container is not running. */
export async function killContainer(state: MemoryBackendState, id: string, raw: string) {
  const c = state.containers.get(id);
  parseSignal(raw);
  if (!c.running) throw new Conflict(`Container ${c.id} is not running`);
  await signal(state, c, raw);
}

/** Stops (if running) and starts again. */
export async function restartContainer(
  state: MemoryBackendState,
  id: string,
  options: { signal?: string; timeout?: number } = {},
): Promise<void> {
  const c = state.containers.get(id);
  if (c.running) {
    c.stopping = true;
    try {
      await stopContainer(state, id, options);
    } finally {
      c.stopping = false;
    }
  }
  await startContainer(state, c.id);
  c.restartCount++;
  publish(state, c, "restart");
}

/** Registers a wait now; the stream yields the result when the condition is met. */
export function waitContainer(
  state: MemoryBackendState,
  id: string,
  condition: WaitCondition,
): ReadableStream<WaitResult> {
  const c = state.containers.get(id);
  const result = c.wait(condition);
  return new ReadableStream({
    async pull(controller) {
      controller.enqueue(await result);
      controller.close();
    },
  });
}

/** Removes the container (killing it first with `force`). */
export async function removeContainer(
  state: MemoryBackendState,
  id: string,
  options: { force: boolean; volumes?: boolean },
): Promise<void> {
  const c = state.containers.get(id);
  if (c.removing) throw new Conflict(`removal of container ${c.id} is already in progress`);
  if (c.running && !options.force) {
    throw new Conflict(
      `You cannot remove a running container ${c.id}. Stop the container before attempting ` +
        "removal or force remove",
    );
  }
  c.removing = true;
  if (c.running) {
    await signal(state, c, "SIGKILL");
    await exitWithin(c, -1);
  }
  cancelRestart(c);
  stopHealthMonitor(c);
  state.containers.delete(c);
  for (const execId of c.execIds) state.execs.delete(execId);
  await c.actor.stop().catch(() => {});
  leaveNetworks(state, c.id);
  await releaseMounts(state, c, { removeAnonymous: options.volumes ?? false });
  c.removed();
  publish(state, c, "destroy");
}
