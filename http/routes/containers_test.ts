import assert from "node:assert/strict";
import type { BackendClient } from "../../backends/core/protocol.ts";
import { createRouter } from "../router.ts";
import type { DaemonFacts } from "../daemon_facts.ts";
import { containerRoutes } from "./containers.ts";

/** A backend whose wait sends its headers' worth (nothing yet) and then fails. */
const failingWait: BackendClient = {
  call(type) {
    if (type !== "container.wait") throw new Error(`unexpected call ${type}`);
    const stream = new ReadableStream({
      pull: (controller) => controller.error(new Error("the task vanished")),
    });
    // deno-lint-ignore no-explicit-any
    return Promise.resolve(stream as any);
  },
};

Deno.test("a wait that fails after the headers says so in the body, as moby does", async () => {
  const router = createRouter(containerRoutes, {
    backend: failingWait,
    daemon: {} as DaemonFacts,
  });
  const response = await router(
    new Request("http://docker/v1.44/containers/x/wait", { method: "POST" }),
  );
  assert.equal(response.status, 200);
  assert.deepEqual(JSON.parse(await response.text()), {
    StatusCode: -1,
    Error: { Message: "the task vanished" },
  });
});
