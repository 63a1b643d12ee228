import assert from "node:assert/strict";
import { AgentListener } from "../../../agent/mod.ts";
import { AgentExecs } from "../cloud_agent/mod.ts";
import { EventBus } from "../events.ts";
import type { BackendHandlers } from "../protocol.ts";
import { CloudDirectory } from "./directory.ts";
import type { OwnCall } from "./cloud_calls.ts";
import { cloudHandlers } from "./handlers.ts";
import { type TestContainer, testContainer, testLook } from "./test_container.ts";
import type { ServerlessLimits } from "./unsupported.ts";

const containers = [testContainer("a".repeat(64), "web", { running: true })];
const directory = new class extends CloudDirectory<TestContainer> {
  all = () => Promise.resolve(containers);
}();
const OWN: OwnCall[] = [
  "container.create",
  "container.start",
  "container.stop",
  "container.kill",
  "container.wait",
  "container.attach",
  "container.logs",
  "container.remove",
  "image.pull",
];
const own = Object.fromEntries(
  OWN.map((call) => [call, () => `own ${call}`]),
) as unknown as Pick<BackendHandlers, OwnCall>;

const handlers = cloudHandlers({
  about: { backend: "test", description: "", driverStatus: [], pullWarning: "" },
  limits: new Proxy({}, { get: () => "no" }) as ServerlessLimits,
  look: testLook,
  directory,
  events: new EventBus(),
  execs: new AgentExecs({
    backend: "test",
    listener: new AgentListener(),
    find: async (ref) => {
      const c = await directory.get(ref);
      return { id: c.id, running: false, workload: "resource" };
    },
  }),
}, own);

Deno.test("the shared calls answer over the directory; the backend's own calls are its own", async () => {
  assert.deepEqual(
    (await handlers["container.list"]({ all: true, size: false, filters: {} })).length,
    1,
  );
  assert.equal(
    (await handlers["container.inspect"]({ id: "web", size: false })).Driver,
    "test-driver",
  );
  assert.equal((await handlers["system.info"]({})).name, "test");
  await assert.rejects(
    async () => await handlers["exec.create"]({ id: "web", body: { Cmd: ["true"] } }),
    /is not running/,
  );
  assert.equal(handlers["container.start"]({ id: "web" }), "own container.start");
  assert.throws(
    () => handlers["network.list"]({ filters: {} }),
    /^NotImplemented: test backend: network\.list is not supported: no$/,
  );
});
