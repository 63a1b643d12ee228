import assert from "node:assert/strict";
import { sandboxWorkloadRuntime } from "./sandbox_runtime.ts";
import type { Workload } from "./workload.ts";

const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();

async function outputOf(w: Workload) {
  const [stdout, stderr, code] = await Promise.all([text(w.stdout), text(w.stderr), w.exited]);
  return { stdout, stderr, code };
}

Deno.test("a workload runs its command in the sandbox with real output and exit status", async () => {
  const runtime = sandboxWorkloadRuntime();
  const w = await runtime.start({
    image: "alpine",
    argv: ["sh", "-c", "echo hi $GREETING; echo oops >&2; cat /etc/hostname; exit 3"],
    env: { GREETING: "there" },
    hostname: "task-host",
  });
  assert.ok(w.imageNote.includes("built-in root filesystem"));
  assert.deepEqual(await outputOf(w), {
    stdout: "hi there\ntask-host\n",
    stderr: "oops\n",
    code: 3,
  });
  runtime.close?.();
});

Deno.test("exec runs beside the main process; signals end processes with 128+n", async () => {
  const runtime = sandboxWorkloadRuntime();
  const w = await runtime.start({
    image: "alpine",
    argv: ["sleep", "30"],
    env: {},
  });
  const exec = await w.exec({ argv: ["sh", "-c", "read x; echo got $x; exit 4"], env: {} });
  const stdin = exec.stdin.getWriter();
  await stdin.write(new TextEncoder().encode("line\n"));
  await stdin.close();
  assert.deepEqual(await outputOf(exec), { stdout: "got line\n", stderr: "", code: 4 });
  const sleeper = await w.exec({ argv: ["sleep", "30"], env: {} });
  sleeper.kill("SIGTERM");
  assert.equal((await outputOf(sleeper)).code, 143);
  // The main process is pid 1, which (as on Linux) has no default action for SIGTERM; SIGKILL ends it.
  w.kill("SIGTERM");
  w.kill("SIGKILL");
  assert.equal(await w.exited, 137);
  runtime.close?.();
});
