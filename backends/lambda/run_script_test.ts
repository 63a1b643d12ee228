import assert from "node:assert/strict";
import { SPLIT_ENV } from "../../agent/mod.ts";
import { exitStatusOf, isPlatformLine, wrappedCommand } from "./run_script.ts";

/** Runs the wrapped command with Debian's /bin/sh, as the function's image runs it. */
async function run(argv: string[], env: Record<string, string> = {}) {
  const { EntryPoint, Command } = wrappedCommand(argv);
  const out = await new Deno.Command(EntryPoint[0], {
    args: [...EntryPoint.slice(1), ...Command],
    stdin: "null",
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

Deno.test("the wrapper sends output to stderr, then the exit status as the last line", async () => {
  const r = await run(["sh", "-c", "echo 'a b'; echo err >&2; exit 3"]);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "a b\nerr\nsockerless-exit-status 3\n");
  const last = r.stderr.trimEnd().split("\n").pop()!;
  assert.equal(exitStatusOf(last), 3);
});

Deno.test("an agent that joins the streams itself has them left apart, unseen by the command", async () => {
  const r = await run(["sh", "-c", `echo "[$${SPLIT_ENV}]"; echo err >&2; exit 3`], {
    [SPLIT_ENV]: "1",
  });
  assert.equal(r.code, 3);
  assert.equal(r.stdout, "[]\n");
  assert.equal(r.stderr, "err\nsockerless-exit-status 3\n");
});

Deno.test("argv reaches the command word for word", async () => {
  const r = await run(["printf", "[%s]\\n", "a b", "$HOME", "*"]);
  assert.equal(r.stderr, "[a b]\n[$HOME]\n[*]\nsockerless-exit-status 0\n");
});

Deno.test("Lambda's own lines are told from the container's output", () => {
  assert.ok(isPlatformLine("START RequestId: 1 Version: $LATEST"));
  assert.ok(isPlatformLine("REPORT RequestId: 1\tDuration: 2.00 ms"));
  assert.ok(isPlatformLine("sockerless-exit-status 0"));
  assert.ok(!isPlatformLine("hi"));
  assert.equal(exitStatusOf("2026-11-23T00:00:00Z 1 Task timed out after 3.00 seconds"), 137);
  assert.equal(exitStatusOf("hi"), undefined);
});
