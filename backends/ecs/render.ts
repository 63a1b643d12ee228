/**
 * How ECS containers look through the Docker API (backends/core/cloud/render.ts builds the
 * shapes): the run state comes from the newest task ECS describes, and GraphDriver names it.
 *
 * @module
 */
import { type ContainerLook, runState } from "../core/cloud/mod.ts";
import type { ContainerState } from "../core/container_types.ts";
import type { EcsContainer } from "./directory.ts";
import { healthOf } from "./health.ts";
import { exitCodeOf, failureOf, isStopped } from "./state.ts";

export function stateOf(c: EcsContainer): ContainerState {
  const t = c.task;
  const running = t !== undefined && !isStopped(t);
  const state = runState({
    started: t !== undefined,
    running,
    exitCode: running || !t ? 0 : exitCodeOf(t),
    error: failureOf(t),
    startedAt: t?.startedAt ?? t?.createdAt,
    finishedAt: t?.stoppedAt,
  });
  const health = healthOf(c.body, t);
  return health ? { ...state, Health: health } : state;
}

export const ecsLook: ContainerLook<EcsContainer> = {
  driver: "ecs-fargate",
  networkMode: "awsvpc",
  stateOf,
  graphDriverData: (c) => c.task ? { TaskArn: c.task.taskArn!, Cluster: c.task.clusterArn! } : null,
};
