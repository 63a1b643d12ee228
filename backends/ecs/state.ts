/**
 * What the ecs backend holds while it runs: SDK clients, the container directory (cloud scan plus
 * the create→start gap), the agent endpoint its tasks dial back to, the event bus and exec
 * sessions. Nothing here survives a restart, and nothing needs to: the cloud's tags are the
 * record, and each task definition's environment carries its agent's secret.
 *
 * @module
 */
import { DescribeTasksCommand, type Task } from "@aws-sdk/client-ecs";
import type { AgentEndpoint, AgentExecs } from "../core/cloud_agent/mod.ts";
import type { EventBus } from "../core/events.ts";
import { CLUSTER, type EcsCloud } from "./cloud.ts";
import { ContainerDirectory, type EcsContainer } from "./directory.ts";
import type { StdinCapture } from "./stdin_capture.ts";

export interface EcsBackendOptions {
  dataRoot: string;
  ncpu: number;
  memTotal: number;
  awsEndpoint?: string;
  /** The port the agent listener serves; host.ts grants the Worker exactly this one. */
  ecsAgentPort?: number;
  /** `--agent-listen`'s address (loopback on the port above when absent). */
  agentListen?: { hostname: string; port: number };
  /** `--agent-url`: what agents dial instead of the listener's own address. */
  agentUrl?: string;
}

export interface EcsBackendState {
  options: EcsBackendOptions;
  cloud: EcsCloud;
  directory: ContainerDirectory;
  /** Where each task's agent dials back to; exec goes through those connections. */
  agents: AgentEndpoint;
  events: EventBus;
  execs: AgentExecs;
  /** Stdin attaches waiting for their container's start, by container id. */
  stdin: Map<string, StdinCapture>;
  /** Containers with a client attached before start, whose agent must keep output for it. */
  replayAttach: Set<string>;
  /** Exit statuses of `--rm` containers this backend removed, for waits that saw no exit. */
  removedExits: Map<string, number>;
  /** Containers whose start waits for the end of their stdin. */
  starting: Set<string>;
  /** Why such a deferred start failed, for wait and attach to report. */
  startFailures: Map<string, string>;
}

/** How often task state is polled: ECS pushes nothing, so DescribeTasks is the only way to see. */
export const POLL_MS = 200;

/** Polls the task until `done` holds; rejects when `signal` aborts. */
export async function waitForTask(
  state: EcsBackendState,
  taskArn: string,
  done: (task: Task) => boolean,
  signal?: AbortSignal,
): Promise<Task> {
  while (true) {
    signal?.throwIfAborted();
    const { tasks } = await state.cloud.ecs.send(
      new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArn], include: ["TAGS"] }),
    );
    const task = tasks?.[0];
    if (!task) throw new Error(`ecs backend: task ${taskArn} is no longer known to ECS`);
    if (done(task)) return task;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export function isStopped(task: Task | undefined): boolean {
  return task?.lastStatus === "STOPPED";
}

export function isRunning(c: EcsContainer): boolean {
  return c.task !== undefined && !isStopped(c.task);
}

/** The container's exit status as ECS recorded it; 128 when it never started (no status). */
export function exitCodeOf(task: Task | undefined): number {
  return task?.containers?.[0]?.exitCode ?? (isStopped(task) ? 128 : 0);
}

/** Why a task stopped without an exit status (a start failure), or "". */
export function failureOf(task: Task | undefined): string {
  if (!isStopped(task) || task?.containers?.[0]?.exitCode !== undefined) return "";
  return task?.stoppedReason ?? task?.containers?.[0]?.reason ?? "the task stopped";
}
