/**
 * What the lambda backend holds while it runs: SDK clients, the container directory (a cloud
 * scan), the agent endpoint its functions dial back to, the event bus and exec sessions. Nothing
 * here needs to survive a restart: the cloud's tags and logs are the record, and each function's
 * environment carries its agent's secret.
 *
 * @module
 */
import type { AgentEndpoint, AgentExecs } from "../core/cloud_agent/mod.ts";
import { runState } from "../core/cloud/mod.ts";
import type { ContainerState } from "../core/container_types.ts";
import type { EventBus } from "../core/events.ts";
import type { LambdaCloud } from "./cloud.ts";
import type { ContainerDirectory, LambdaContainer } from "./directory.ts";

export interface LambdaBackendOptions {
  dataRoot: string;
  ncpu: number;
  memTotal: number;
  awsEndpoint?: string;
  /** The port the agent listener serves; host.ts grants the Worker exactly this one. */
  lambdaAgentPort?: number;
  /** `--agent-listen`'s address (loopback on the port above when absent). */
  agentListen?: { hostname: string; port: number };
  /** `--agent-url`: what agents dial instead of the listener's own address. */
  agentUrl?: string;
}

export interface LambdaBackendState {
  options: LambdaBackendOptions;
  cloud: LambdaCloud;
  directory: ContainerDirectory;
  /** Where each function's agent dials back to; exec goes through those connections. */
  agents: AgentEndpoint;
  events: EventBus;
  execs: AgentExecs;
  /** Exit statuses of `--rm` containers this backend removed, for waits that saw no exit. */
  removedExits: Map<string, number>;
  /**
   * Output readers following each container, so `--rm` removal (which drops the log group)
   * waits until they have read the run's last lines.
   */
  readers: Map<string, Set<Promise<void>>>;
  /** Attaches made before start, waiting for the request id of the run they follow. */
  nextRun: Map<string, PromiseWithResolvers<string>>;
}

/** How often run state is polled: Lambda pushes nothing, so the tags and logs are read again. */
export const POLL_MS = 250;

/** How long a start waits for the function's agent to dial back before it fails. */
export const AGENT_DIAL_TIMEOUT_MS = 30_000;

export function isRunning(c: LambdaContainer): boolean {
  return stateOf(c).Running;
}

export function stateOf(c: LambdaContainer): ContainerState {
  const { startedAt, stopped } = c.marks;
  const stop = stopped && startedAt !== undefined && stopped.at >= startedAt ? stopped : c.ended;
  return runState({
    started: startedAt !== undefined,
    running: startedAt !== undefined && !stop,
    exitCode: stop?.exitCode ?? 0,
    ...(startedAt !== undefined ? { startedAt: new Date(startedAt) } : {}),
    ...(stop ? { finishedAt: new Date(stop.at) } : {}),
  });
}
