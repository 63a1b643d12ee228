import assert from "node:assert/strict";
import { NotFound } from "../errors.ts";
import type { WaitCondition } from "../protocol.ts";
import { type TestContainer, testContainer } from "./test_container.ts";
import { waitContainer, type WaitView } from "./wait.ts";

/** A cloud of one container whose run the test changes between polls. */
function cloud(c: TestContainer | undefined, extra: Partial<WaitView<TestContainer>> = {}) {
  const world = { c };
  const view: WaitView<TestContainer> = {
    get: (ref) => world.c ? Promise.resolve(world.c) : Promise.reject(new NotFound(ref)),
    stateOf: (c) => c.state,
    runOf: (c) => c.run,
    pollMs: 1,
    ...extra,
  };
  const wait = async (condition: WaitCondition) =>
    (await (await waitContainer(view, "x", condition)).getReader().read()).value;
  return { world, wait };
}

const exited = (run: string, exitCode: number) => ({
  ...testContainer("x", "x", { exitCode }),
  run,
});

Deno.test("not-running answers at once for a stopped container, with its status", async () => {
  const { wait } = cloud(exited("r1", 3));
  assert.deepEqual(await wait("not-running"), { StatusCode: 3 });
});

Deno.test("next-exit waits for a run other than the one already over", async () => {
  const { world, wait } = cloud(exited("r1", 3));
  const answer = wait("next-exit");
  world.c = { ...testContainer("x", "x", { running: true }), run: "r2" };
  await new Promise((r) => setTimeout(r, 5));
  world.c = exited("r2", 7);
  assert.deepEqual(await answer, { StatusCode: 7 });
});

Deno.test("removed answers the recorded status, else the last one seen", async () => {
  const recorded = cloud(exited("r1", 3), { removedExit: () => 137 });
  const a = recorded.wait("removed");
  recorded.world.c = undefined;
  assert.deepEqual(await a, { StatusCode: 137 });
  const seen = cloud(exited("r1", 3));
  const b = seen.wait("removed");
  seen.world.c = undefined;
  assert.deepEqual(await b, { StatusCode: 3 });
  await assert.rejects(cloud(undefined).wait("not-running"), NotFound);
});

Deno.test("a failed start ends the wait with 128 and the reason", async () => {
  const { wait } = cloud(testContainer("x", "x", { started: false }), {
    failedStart: () => "no image",
  });
  assert.deepEqual(await wait("next-exit"), { StatusCode: 128, Error: { Message: "no image" } });
});
