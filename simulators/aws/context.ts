/**
 * What every operation handler receives: the caller's region (from the SigV4 scope), the account,
 * the request id, and the simulator's shared world (state, execution, live tasks).
 *
 * @module
 */
import type { AwsState } from "./state/model.ts";
import type { StateStore } from "./state/store.ts";
import type { WorkloadRuntime } from "./runtime/workload.ts";
import type { LiveTasks } from "./ecs/live_tasks.ts";
import type { ExecSession } from "./ecs/exec.ts";
import type { SimulatorImages } from "./images/mod.ts";

/** The simulator's shared, long-lived parts. */
export interface World {
  state: AwsState;
  store: StateStore;
  /** Undefined until execution is wired; operations that need it fail loudly naming it. */
  runtime: WorkloadRuntime | undefined;
  /** Pulls the images workloads run; present whenever `runtime` is. */
  images: SimulatorImages | undefined;
  liveTasks: LiveTasks;
  /** ExecuteCommand sessions not yet opened, by session id. */
  execSessions: Map<string, ExecSession>;
  /** The simulator's own base URL, for URLs it hands out (exec stream URLs). */
  endpoint: string;
  /** Aborted when the simulator shuts down. */
  signal: AbortSignal;
}

export interface AwsContext {
  region: string;
  accountId: string;
  requestId: string;
  world: World;
}

/** Seconds since the epoch, as awsJson timestamps are written. */
export function epochSeconds(ms = Date.now()): number {
  return ms / 1000;
}
