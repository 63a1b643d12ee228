/**
 * A container's connected agent, waited for briefly: an agent redials after its connection drops
 * or the daemon restarts, and a task's agent dials only once its command has started. When it
 * does not come, the failure names the backend, the workload and why exec or attach needs it.
 *
 * @module
 */
import type { AgentConnection, AgentListener } from "../../../agent/mod.ts";

export interface AgentWait {
  /** The backend's name, for messages ("ecs"). */
  backend: string;
  listener: AgentListener;
  /** How long to wait; 10 s by default. */
  waitMs?: number;
}

export async function connectedAgent(
  wait: AgentWait,
  target: { id: string; workload: string },
  purpose: string,
): Promise<AgentConnection> {
  const ms = wait.waitMs ?? 10_000;
  const abort = new AbortController();
  // A cleared timer, not AbortSignal.timeout, which would hold the Worker open until it fires.
  const timer = setTimeout(() => abort.abort(`${ms / 1000} s passed`), ms);
  try {
    return await wait.listener.waitFor(target.id, abort.signal);
  } catch {
    throw new Error(
      `${wait.backend} backend: the agent of ${target.workload} is not connected, so ${purpose} ` +
        `cannot reach container ${target.id}; the workload must run the sockerless agent and ` +
        "reach the backend's callback URL",
    );
  } finally {
    clearTimeout(timer);
  }
}
