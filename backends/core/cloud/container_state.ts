/**
 * A cloud container's `State` in moby's shape, from what the backend read of its latest run, and
 * the status line `docker ps` shows for it. Cloud workloads cannot be paused and report no pid.
 *
 * @module
 */
import type { ContainerState } from "../container_types.ts";
import { humanDuration } from "../human_duration.ts";

/** moby's zero time, for a run that has not started or ended. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

/** What a backend knows of a container's latest run. */
export interface RunFacts {
  /** False while the container is only created. */
  started: boolean;
  running: boolean;
  exitCode: number;
  /** Why the run failed without an exit status, or "". */
  error?: string;
  startedAt?: Date;
  finishedAt?: Date;
}

export function runState(run: RunFacts): ContainerState {
  return {
    Status: !run.started ? "created" : run.running ? "running" : "exited",
    Running: run.running,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: run.exitCode,
    Error: run.error ?? "",
    StartedAt: run.startedAt?.toISOString() ?? ZERO_TIME,
    FinishedAt: run.finishedAt?.toISOString() ?? ZERO_TIME,
  };
}

/** moby's `State.String()`: "Up 3 seconds (healthy)", "Exited (1) 2 minutes ago", "Created". */
export function statusText(s: ContainerState, now = Date.now()): string {
  if (s.Running) {
    const up = `Up ${humanDuration(now - Date.parse(s.StartedAt))}`;
    const health = s.Health?.Status;
    if (!health) return up;
    return `${up} (${health === "starting" ? "health: starting" : health})`;
  }
  if (s.Status === "created") return "Created";
  return `Exited (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
}
