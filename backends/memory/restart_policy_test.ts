import assert from "node:assert/strict";
import { InvalidParameter } from "../core/errors.ts";
import { startTestBackend, type TestBackend } from "./container_test_backend.ts";
import { checkRestartPolicy } from "./restart_policy.ts";

async function stateOf(backend: TestBackend, id: string) {
  const inspect = await backend.handlers["container.inspect"]({ id, size: false });
  const state = inspect.State as { Status: string; ExitCode: number };
  return `${inspect.RestartCount} ${state.Status} ${state.ExitCode}`;
}

/** Resolves when the container is not running (its first exit, for a container just started). */
async function exited(backend: TestBackend, id: string): Promise<void> {
  const stream = await backend.handlers["container.wait"]({ id, condition: "not-running" });
  for await (const _ of stream) return;
}

async function until(backend: TestBackend, id: string, wanted: RegExp) {
  let seen = "";
  for (let i = 0; i < 600; i++) {
    seen = await stateOf(backend, id);
    if (wanted.test(seen)) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`state ${seen} never matched ${wanted}`);
}

Deno.test("restart policies are checked as moby checks them at create", () => {
  checkRestartPolicy({ RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 } });
  checkRestartPolicy({ RestartPolicy: { Name: "always" } });
  checkRestartPolicy({ RestartPolicy: { Name: "" }, AutoRemove: true });
  for (
    const bad of [
      { RestartPolicy: { Name: "always" as const, MaximumRetryCount: 1 } },
      { RestartPolicy: { Name: "on-failure" as const, MaximumRetryCount: -1 } },
      { RestartPolicy: { Name: "sometimes" as "always" } },
      { RestartPolicy: { Name: "always" as const }, AutoRemove: true },
    ]
  ) {
    assert.throws(() => checkRestartPolicy(bad), InvalidParameter, JSON.stringify(bad));
  }
});

Deno.test("restart policies on exits, stops and starts", async (t) => {
  const backend = await startTestBackend();
  try {
    await t.step("on-failure:N restarts N times on a failure, never on success", async () => {
      const failing = await backend.container(["sh", "-c", "exit 4"], {
        start: true,
        body: { HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 2 } } },
      });
      assert.equal(await until(backend, failing, /^2 exited 4$/), "2 exited 4");
      const fine = await backend.container(["true"], {
        start: true,
        body: { HostConfig: { RestartPolicy: { Name: "on-failure" } } },
      });
      await exited(backend, fine);
      // A wrongful restart would come 100 ms after the exit.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await stateOf(backend, fine), "0 exited 0");
    });

    await t.step("always restarts until stopped; a client's start resets the count", async () => {
      // Each run lasts a little, so the client's start and stop below land inside one run
      // rather than racing an instant exit and its restart.
      const id = await backend.container(["sh", "-c", "sleep 0.5; exit 0"], {
        start: true,
        body: { HostConfig: { RestartPolicy: { Name: "always" } } },
      });
      await until(backend, id, /^[3-9]\d* /);
      await Promise.resolve(backend.handlers["container.stop"]({ id })).catch(() => {});
      const stopped = await until(backend, id, / exited /);
      await new Promise((r) => setTimeout(r, 1_000));
      // No restart after the stop (the backoff is ≤ 1.6 s by now, but it was cancelled).
      assert.equal(await stateOf(backend, id), stopped);
      await backend.handlers["container.start"]({ id });
      await Promise.resolve(backend.handlers["container.stop"]({ id })).catch(() => {});
      assert.match(await stateOf(backend, id), /^0 /);
    });

    await t.step("no policy: the container stays exited", async () => {
      const id = await backend.container(["sh", "-c", "exit 1"], { start: true });
      await exited(backend, id);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await stateOf(backend, id), "0 exited 1");
    });
  } finally {
    await backend.close();
  }
});
