import assert from "node:assert/strict";
import { NotImplemented } from "../errors.ts";
import { noOutput, refuseStderrOnly } from "./log_output.ts";

Deno.test("stderr alone is a 501 naming the backend; nothing to show is an ended stream", async () => {
  assert.throws(
    () => refuseStderrOnly("test", false, true),
    (e: Error) => e instanceof NotImplemented && /^test backend: CloudWatch Logs/.test(e.message),
  );
  refuseStderrOnly("test", true, true);
  refuseStderrOnly("test", false, false);
  assert.deepEqual(await Array.fromAsync(noOutput()), []);
});
