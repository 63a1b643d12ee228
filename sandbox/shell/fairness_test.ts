import assert from "node:assert/strict";

Deno.test("a busy loop that never waits can still be killed", async () => {
  // In a Worker, so a loop that never yields fails this test instead of hanging the run.
  const worker = new Worker(new URL("./testdata/busy_loop_worker.ts", import.meta.url), {
    type: "module",
  });
  const deadline = AbortSignal.timeout(60_000);
  try {
    const status = await new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message));
      };
      deadline.onabort = () => reject(new Error("the busy loop never yielded to a timer"));
    });
    assert.equal(status, 137);
  } finally {
    deadline.onabort = null;
    worker.terminate();
  }
});
