import assert from "node:assert/strict";
import { ask, run, startContainer } from "./test_utils.ts";

Deno.test("container actor: sh -c output lands on the right streams and the status is 3", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh", "-c", "echo out; echo err >&2; exit 3"]);
    assert.equal(p.pid, 1);
    assert.equal(await p.status, 3);
    await p.outputDone;
    assert.equal(p.text(1), "out\n");
    assert.equal(p.text(2), "err\n");
    assert.ok(p.chunks.every((c) => typeof c.time === "number" && c.time > 0));
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: cat /etc/hostname shows the container's", async () => {
  const ref = await startContainer({ hostname: "box42" });
  try {
    const p = await run(ref, ["cat", "/etc/hostname", "/etc/hosts"]);
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.match(p.text(1), /^box42\n127\.0\.0\.1\tlocalhost\n/);
    assert.match(p.text(1), /127\.0\.0\.1\tbox42\n$/);
    assert.deepEqual(await ask(ref, { type: "changes" }), []);
  } finally {
    await ref.stop();
  }
});
