// For fairness_test.ts: a busy shell loop in this Worker, killed once a timer gets to run.
import {
  bytesInput,
  collectOutput,
  createFileSystem,
  createSandbox,
  rootfsLayer,
} from "../../mod.ts";
import { TEST_SYSTEM } from "../test_utils.ts";

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
self.postMessage(await proc.exited);
