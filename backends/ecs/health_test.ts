import assert from "node:assert/strict";
import type { HealthStatus, Task } from "@aws-sdk/client-ecs";
import { NotImplemented } from "../core/errors.ts";
import { ecsHealthCheck, healthOf } from "./health.ts";

const check = (h: Record<string, unknown>) =>
  ecsHealthCheck({ Image: "alpine", Healthcheck: { Test: ["CMD-SHELL", "true"], ...h } });

Deno.test("a Docker health check becomes ECS's healthCheck with Docker's defaults", () => {
  assert.equal(ecsHealthCheck({ Image: "alpine" }), undefined);
  assert.deepEqual(check({}), {
    command: ["CMD-SHELL", "true"],
    interval: 30,
    timeout: 30,
    retries: 3,
    startPeriod: 0,
  });
  assert.deepEqual(check({ Interval: 5e9, Timeout: 2e9, Retries: 1, StartPeriod: 10e9 }), {
    command: ["CMD-SHELL", "true"],
    interval: 5,
    timeout: 2,
    retries: 1,
    startPeriod: 10,
  });
});

Deno.test("a check ECS cannot run as asked is refused, naming the flag", () => {
  assert.throws(
    () => check({ Interval: 1e8 }),
    (e: Error) =>
      e instanceof NotImplemented &&
      e.message ===
        "ecs backend: ECS health checks take --health-interval between 5 and 300 whole seconds " +
          "(asked: 0.1s)",
  );
  assert.throws(() => check({ Retries: 50 }), /--health-retries between 1 and 10 \(asked: 50\)/);
  assert.throws(() => check({ Interval: 5.5e9 }), /--health-interval/);
  assert.throws(() => check({ StartInterval: 1e9 }), /--health-start-interval/);
});

Deno.test("State.Health follows the task container's healthStatus", () => {
  const body = { Image: "alpine", Healthcheck: { Test: ["CMD", "true"] } };
  const task = (healthStatus: HealthStatus): Task => ({ containers: [{ healthStatus }] });
  assert.equal(healthOf(body, undefined), undefined);
  assert.equal(healthOf({ Image: "alpine" }, task("HEALTHY")), undefined);
  assert.equal(healthOf(body, task("UNKNOWN"))?.Status, "starting");
  assert.equal(healthOf(body, task("HEALTHY"))?.Status, "healthy");
  assert.equal(healthOf(body, task("UNHEALTHY"))?.Status, "unhealthy");
});
