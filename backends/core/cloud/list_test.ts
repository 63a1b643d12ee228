import assert from "node:assert/strict";
import { listContainers } from "./list.ts";
import { testContainer, testLook } from "./test_container.ts";

const directory = {
  all: () =>
    Promise.resolve([
      testContainer("a".repeat(64), "web", { running: true, labels: { tier: "front" } }),
      testContainer("b".repeat(64), "job", { exitCode: 3 }),
      testContainer("c".repeat(64), "fresh", { started: false }),
    ]),
};
const names = async (r: Parameters<typeof listContainers>[2]) =>
  (await listContainers(directory, testLook, r)).map((s) => s.Names[0]);

Deno.test("ps shows running containers; -a, status and exited show the rest", async () => {
  assert.deepEqual(await names({ all: false, filters: {} }), ["/web"]);
  assert.deepEqual(await names({ all: true, filters: {} }), ["/web", "/job", "/fresh"]);
  assert.deepEqual(await names({ all: true, limit: 1, filters: {} }), ["/web"]);
  assert.deepEqual(await names({ all: false, filters: { status: ["created"] } }), ["/fresh"]);
  assert.deepEqual(await names({ all: false, filters: { exited: ["3"] } }), ["/job"]);
});

Deno.test("filters on name, id, label and image; an unknown key is refused", async () => {
  assert.deepEqual(await names({ all: true, filters: { name: ["^j"] } }), ["/job"]);
  assert.deepEqual(await names({ all: true, filters: { id: ["ccc"] } }), ["/fresh"]);
  assert.deepEqual(await names({ all: true, filters: { label: ["tier=front"] } }), ["/web"]);
  assert.deepEqual(await names({ all: true, filters: { ancestor: ["busybox"] } }), []);
  await assert.rejects(names({ all: true, filters: { network: ["x"] } }), /network/);
});
