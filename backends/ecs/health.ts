/**
 * `docker run --health-cmd` on ECS: the container definition's `healthCheck`, which ECS runs in
 * the task's container, and `State.Health` from the `healthStatus` DescribeTasks reports. ECS
 * takes whole seconds within its limits (interval 5–300, timeout 2–120, retries 1–10, start
 * period 0–300); a check it cannot run as asked is refused at create rather than run otherwise.
 * ECS reports only the status: FailingStreak and Log are not available from it.
 *
 * @module
 */
import type { HealthCheck, Task } from "@aws-sdk/client-ecs";
import { askedHealthcheck } from "../core/cloud/mod.ts";
import type { ContainerCreateBody, ContainerState } from "../core/container_types.ts";
import { NotImplemented } from "../core/errors.ts";

/** Docker's defaults, in seconds, for what the create body leaves at 0. */
const DOCKER_DEFAULT = { interval: 30, timeout: 30, retries: 3, startPeriod: 0 };

const ECS_LIMITS = {
  interval: { min: 5, max: 300, flag: "--health-interval" },
  timeout: { min: 2, max: 120, flag: "--health-timeout" },
  retries: { min: 1, max: 10, flag: "--health-retries" },
  startPeriod: { min: 0, max: 300, flag: "--health-start-period" },
} as const;

/** The ECS healthCheck for the body's health check, or undefined when none is asked. */
export function ecsHealthCheck(body: ContainerCreateBody): HealthCheck | undefined {
  const asked = askedHealthcheck(body);
  if (!asked) return undefined;
  if (asked.startInterval) {
    throw new NotImplemented(
      "ecs backend: ECS health checks have no separate start interval (--health-start-interval)",
    );
  }
  const seconds = (ns: number) => ns / 1e9;
  const wanted = {
    interval: asked.interval ? seconds(asked.interval) : DOCKER_DEFAULT.interval,
    timeout: asked.timeout ? seconds(asked.timeout) : DOCKER_DEFAULT.timeout,
    retries: asked.retries || DOCKER_DEFAULT.retries,
    startPeriod: asked.startPeriod ? seconds(asked.startPeriod) : DOCKER_DEFAULT.startPeriod,
  };
  for (const field of Object.keys(ECS_LIMITS) as (keyof typeof ECS_LIMITS)[]) {
    const { min, max, flag } = ECS_LIMITS[field];
    const value = wanted[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      const unit = field === "retries" ? "" : " whole seconds";
      throw new NotImplemented(
        `ecs backend: ECS health checks take ${flag} between ${min} and ${max}${unit} ` +
          `(asked: ${value}${field === "retries" ? "" : "s"})`,
      );
    }
  }
  return { command: asked.test, ...wanted };
}

/** moby's State.Health from the task's container health, when the body asks for checks. */
export function healthOf(
  body: ContainerCreateBody,
  task: Task | undefined,
): ContainerState["Health"] | undefined {
  if (!task || !askedHealthcheck(body)) return undefined;
  const status = task.containers?.[0]?.healthStatus;
  return {
    Status: status === "HEALTHY" ? "healthy" : status === "UNHEALTHY" ? "unhealthy" : "starting",
    FailingStreak: 0,
    Log: [],
  };
}
