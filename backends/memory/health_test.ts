import assert from "node:assert/strict";
import { startTestBackend, type TestBackend } from "./container_test_backend.ts";
import { probeArgv } from "./health.ts";

const MS = 1_000_000;

type Health = {
  Status: string;
  FailingStreak: number;
  Log: { ExitCode: number; Output: string }[];
};

async function healthOf(backend: TestBackend, id: string): Promise<Health | undefined> {
  const inspect = await backend.handlers["container.inspect"]({ id, size: false });
  return (inspect.State as { Health?: Health }).Health;
}

/** Polls until `done` holds for the container's health (or fails after ~30 s). */
async function until(backend: TestBackend, id: string, done: (h: Health) => boolean) {
  for (let i = 0; i < 600; i++) {
    const h = await healthOf(backend, id);
    if (h && done(h)) return h;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`health never reached the state: ${JSON.stringify(await healthOf(backend, id))}`);
}

Deno.test("Test forms: CMD, CMD-SHELL, NONE", () => {
  assert.deepEqual(probeArgv(["CMD", "test", "-f", "/x"]), ["test", "-f", "/x"]);
  assert.deepEqual(probeArgv(["CMD-SHELL", "curl -f localhost"]), [
    "/bin/sh",
    "-c",
    "curl -f localhost",
  ]);
  assert.equal(probeArgv(["NONE"]), undefined);
  assert.equal(probeArgv(null), undefined);
});

Deno.test("health checks: unhealthy after retries, healthy after a success, timeouts", async (t) => {
  const backend = await startTestBackend();
  try {
    await t.step("failures past the retries make it unhealthy; a success heals it", async () => {
      const id = await backend.container(["sh", "-c", "sleep 1; touch /tmp/ok; sleep 30"], {
        start: true,
        body: {
          Healthcheck: { Test: ["CMD-SHELL", "test -f /tmp/ok"], Interval: 50 * MS, Retries: 2 },
        },
      });
      const sick = await until(backend, id, (h) => h.Status === "unhealthy");
      assert.ok(sick.FailingStreak >= 2);
      assert.ok(sick.Log.every((r) => r.ExitCode === 1));
      const well = await until(backend, id, (h) => h.Status === "healthy");
      assert.equal(well.FailingStreak, 0);
      assert.ok(well.Log.length <= 5);
    });

    await t.step("a probe past its timeout is killed and fails with moby's message", async () => {
      const id = await backend.container(["sleep", "30"], {
        start: true,
        body: {
          Healthcheck: { Test: ["CMD", "sleep", "5"], Interval: 50 * MS, Timeout: 100 * MS },
        },
      });
      const h = await until(backend, id, (h) => h.Log.length > 0);
      assert.equal(h.Log[0].ExitCode, -1);
      assert.equal(h.Log[0].Output, "Health check exceeded timeout (0.1s)");
    });

    await t.step("failures inside the start period do not count", async () => {
      const id = await backend.container(["sleep", "30"], {
        start: true,
        body: {
          Healthcheck: {
            Test: ["CMD", "false"],
            Interval: 50 * MS,
            StartInterval: 50 * MS,
            StartPeriod: 60_000 * MS,
            Retries: 1,
          },
        },
      });
      const h = await until(backend, id, (h) => h.Log.length >= 3);
      assert.equal(h.Status, "starting");
      assert.equal(h.FailingStreak, 0);
    });

    await t.step("output is recorded and NONE disables the image's check", async () => {
      const id = await backend.container(["sleep", "30"], {
        start: true,
        body: { Healthcheck: { Test: ["CMD-SHELL", "echo ready"], Interval: 50 * MS } },
      });
      const h = await until(backend, id, (h) => h.Status === "healthy");
      assert.equal(h.Log[0].Output, "ready\n");
      const none = await backend.container(["sleep", "30"], {
        start: true,
        body: { Healthcheck: { Test: ["NONE"] } },
      });
      assert.equal(await healthOf(backend, none), undefined);
    });
  } finally {
    await backend.close();
  }
});
