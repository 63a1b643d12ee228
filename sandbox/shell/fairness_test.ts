import assert from "node:assert/strict";
import { bytesInput, collectOutput, createFileSystem, createSandbox, rootfsLayer } from "../mod.ts";
import { TEST_SYSTEM } from "./test_utils.ts";

Deno.test("a busy loop that never waits can still be killed", async () => {
  const fs = await createFileSystem({ image: rootfsLayer() });
  const sandbox = createSandbox({ fs, system: TEST_SYSTEM });
  const out = collectOutput();
  const proc = await sandbox.spawn({
    argv: ["sh", "-c", "while :; do :; done"],
    env: {},
    stdin: bytesInput(),
    stdout: out,
    stderr: out,
  });
  // A timer firing at all proves the loop yields the event loop.
  await new Promise((resolve) => setTimeout(resolve, 30));
  proc.kill("SIGKILL");
  assert.equal(await proc.exited, 137);
});
