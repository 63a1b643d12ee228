import assert from "node:assert/strict";
import { ask, processSpec, startContainer, within } from "./test_utils.ts";
import { receiveOnce } from "../../core/one_shot_port.ts";

Deno.test("container actor: output backpressure crosses the Worker boundary (yes waits for the reader)", async () => {
  const ref = await startContainer();
  try {
    const reply = await ask(ref, { type: "run", role: "main", process: processSpec(["yes"]) });
    const exit = new Promise<number>((resolve) => {
      receiveOnce<{ status: number }>(reply.exit, ({ status }) => resolve(status));
    });
    // Nobody reads for a while: without backpressure `yes` would fill memory meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const firstRead = Date.now();
    let early = 0;
    let total = 0;
    const reader = reply.output.getReader();
    while (total < 4 * 1024 * 1024) {
      const { value } = await reader.read();
      assert.ok(value, "yes does not end by itself");
      total += value.data.byteLength;
      if (value.time < firstRead) early += value.data.byteLength;
    }
    assert.ok(early <= 512 * 1024, `${early} bytes were produced before anyone read`);
    // Nobody reads any more, so `yes` is blocked writing; SIGKILL must still end it.
    reader.releaseLock();
    await ask(ref, { type: "signal", pid: 1, signal: "KILL" });
    assert.equal(await within(exit, "yes's exit after SIGKILL"), 137);
    await reply.output.cancel();
  } finally {
    await ref.stop();
  }
});
