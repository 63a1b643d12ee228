/**
 * Restart policies (`no`, `on-failure[:N]`, `always`, `unless-stopped`) after moby's
 * `restartmanager`: a delay that starts at 100 ms and doubles up to a minute, back to 100 ms
 * once the container had run for 10 s. A container being stopped or removed is not restarted;
 * while it waits it is "restarting".
 *
 * @module
 */
import type { HostConfig } from "../core/container_types.ts";
import { InvalidParameter } from "../core/errors.ts";
import type { Container } from "./container.ts";

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 60_000;
const RESET_AFTER_MS = 10_000;

interface Manager {
  delayMs: number;
  timer?: ReturnType<typeof setTimeout>;
}

const managers = new WeakMap<Container, Manager>();

/** moby's create-time checks of HostConfig.RestartPolicy. */
export function checkRestartPolicy(host: HostConfig): void {
  const policy = host.RestartPolicy;
  if (!policy?.Name || policy.Name === "no") {
    if (policy?.MaximumRetryCount) {
      throw new InvalidParameter(
        `invalid restart policy: maximum retry count can only be used with 'on-failure'`,
      );
    }
    return;
  }
  if (!["always", "unless-stopped", "on-failure"].includes(policy.Name)) {
    throw new InvalidParameter(`invalid restart policy: unknown policy '${policy.Name}'`);
  }
  if (policy.Name !== "on-failure" && policy.MaximumRetryCount) {
    throw new InvalidParameter(
      `invalid restart policy: maximum retry count can only be used with 'on-failure'`,
    );
  }
  if ((policy.MaximumRetryCount ?? 0) < 0) {
    throw new InvalidParameter("invalid restart policy: maximum retry count cannot be negative");
  }
  if (host.AutoRemove) {
    throw new InvalidParameter(
      `can't create 'AutoRemove' container with restart policy '${policy.Name}'`,
    );
  }
}

/**
 * Decides, on an exit, whether the policy restarts the container; if so it is marked
 * restarting and `start` runs after the backoff delay. Returns whether a restart is scheduled.
 */
export function scheduleRestart(
  c: Container,
  status: number,
  start: () => Promise<void>,
): boolean {
  const policy = c.hostConfig.RestartPolicy;
  if (!policy?.Name || policy.Name === "no" || c.stopping || c.removing) return false;
  const manager = managers.get(c) ?? { delayMs: 0 };
  managers.set(c, manager);
  const ranMs = Date.parse(c.state.FinishedAt) - Date.parse(c.state.StartedAt);
  if (ranMs >= RESET_AFTER_MS) manager.delayMs = 0;
  manager.delayMs = manager.delayMs === 0
    ? FIRST_DELAY_MS
    : Math.min(manager.delayMs * 2, MAX_DELAY_MS);
  const max = policy.MaximumRetryCount ?? 0;
  const restart = policy.Name === "always" || policy.Name === "unless-stopped" ||
    (status !== 0 && (max === 0 || c.restartCount < max));
  if (!restart) return false;
  c.restartCount++;
  Object.assign(c.state, { Status: "restarting", Restarting: true });
  manager.timer = setTimeout(async () => {
    manager.timer = undefined;
    if (c.removing || !c.state.Restarting) return;
    try {
      await start();
    } catch (error) {
      // The container stays exited (its die event was sent); the reason shows in inspect.
      const message = `restart policy ${policy.Name}: ${(error as Error).message}`;
      Object.assign(c.state, { Status: "exited", Restarting: false, Error: message });
    }
  }, manager.delayMs);
  return true;
}

/** Cancels a pending policy restart (`docker stop`/`rm` of a restarting container). */
export function cancelRestart(c: Container): void {
  const manager = managers.get(c);
  if (manager?.timer !== undefined) clearTimeout(manager.timer);
  if (manager) manager.timer = undefined;
  if (c.state.Restarting) Object.assign(c.state, { Status: "exited", Restarting: false });
}

/**
 * A `docker start` from a client begins a fresh backoff and RestartCount, as moby's
 * `ResetRestartManager(true)` does.
 */
export function resetRestartPolicy(c: Container): void {
  cancelRestart(c);
  managers.delete(c);
  c.restartCount = 0;
}
