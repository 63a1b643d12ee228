import assert from "node:assert/strict";
import { EventBus } from "../events.ts";
import { systemHandlers } from "./system.ts";
import { testContainer, testLook } from "./test_container.ts";

const state = {
  directory: {
    all: () =>
      Promise.resolve([
        testContainer("a".repeat(64), "web", { running: true }),
        testContainer("b".repeat(64), "job"),
      ]),
  },
  events: new EventBus(),
};
const about = {
  backend: "test",
  description: "test backend: containers are test resources",
  driverStatus: [["Backend", "test"]] as [string, string][],
  pullWarning: "WARNING: the test backend does not pull images",
};

Deno.test("info counts the scan and names the backend, its driver and awslogs", async () => {
  const info = await systemHandlers(state, testLook, about)["system.info"]({});
  assert.equal(info.name, "test");
  assert.equal(info.driver, "test-driver");
  assert.deepEqual(info.runtimes, ["test-driver"]);
  assert.deepEqual(info.containers, { total: 2, running: 1, paused: 0, stopped: 1 });
  assert.equal(info.loggingDriver, "awslogs");
  assert.deepEqual(info.warnings, [about.pullWarning]);
});

Deno.test("df lists the containers with no sizes", async () => {
  const df = await systemHandlers(state, testLook, about)["system.df"]({});
  assert.equal(df.Containers.length, 2);
  assert.deepEqual(df.Images, []);
  assert.equal((df.Containers[0] as { SizeRw: number }).SizeRw, 0);
});
