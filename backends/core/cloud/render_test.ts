import assert from "node:assert/strict";
import { inspectContainer, summarizeContainer } from "./render.ts";
import { testContainer, testLook } from "./test_container.ts";

Deno.test("inspect shows the create body, the look's driver and the cloud resource", () => {
  const c = testContainer("a".repeat(64), "web", { running: true, labels: { tier: "front" } });
  c.body = { ...c.body, Entrypoint: ["/bin/sh", "-c"], HostConfig: { Memory: 1 } };
  const i = inspectContainer(c, testLook);
  assert.equal(i.Name, "/web");
  assert.equal(i.Path, "/bin/sh");
  assert.deepEqual(i.Args, ["-c", "echo", "hi"]);
  assert.equal(i.Driver, "test-driver");
  assert.deepEqual(i.GraphDriver, { Name: "test-driver", Data: { Resource: `arn:${c.id}` } });
  assert.deepEqual(i.HostConfig, { Memory: 1, LogConfig: { Type: "awslogs", Config: {} } });
  assert.deepEqual(i.Config.Labels, { tier: "front" });
  assert.equal(i.State.Running, true);
});

Deno.test("a list entry carries the state, the command line and the network mode", () => {
  const s = summarizeContainer(testContainer("b".repeat(64), "job", { exitCode: 3 }), testLook);
  assert.deepEqual(s.Names, ["/job"]);
  assert.equal(s.Command, "echo hi");
  assert.equal(s.State, "exited");
  assert.match(s.Status, /^Exited \(3\) /);
  assert.deepEqual(s.HostConfig, { NetworkMode: "none" });
});
