import assert from "node:assert/strict";
import { run } from "../testing.ts";
import { echo } from "./echo.ts";
import { printf } from "./printf.ts";
import { test } from "./test_command.ts";
import { expr } from "./expr.ts";
import { seq } from "./seq.ts";
import { date } from "./date.ts";
import { basename, dirname } from "./names.ts";
import { id } from "./identity.ts";
import { kill } from "./kill.ts";
import { sleep } from "./sleep.ts";
import { env } from "./env.ts";
import { timeout } from "./timeout.ts";

Deno.test("echo handles -n, -e escapes and \\c, and prints unknown options", async () => {
  assert.equal((await run(echo, ["echo", "-e", "a\\tb\\101\\0102\\c", "x"])).stdout, "a\tbAB");
  assert.equal((await run(echo, ["echo", "-n", "hi"])).stdout, "hi");
  assert.equal((await run(echo, ["echo", "-x", "hi"])).stdout, "-x hi\n");
  assert.equal((await run(echo, ["echo", "é"])).stdout, "é\n");
});

Deno.test("printf reuses the format, pads numbers and reports bad numbers", async () => {
  const r = await run(printf, [
    "printf",
    "%5.2f|%-4s|%03d|%x|%c|%b\n",
    "3.14159",
    "ab",
    "7",
    "255",
    "hello",
    "a\\tb",
  ]);
  assert.equal(r.stdout, " 3.14|ab  |007|ff|h|a\tb\n");
  assert.equal((await run(printf, ["printf", "%s-%s\n", "a", "b", "c"])).stdout, "a-b\nc-\n");
  const bad = await run(printf, ["printf", "%d\n", "abc"]);
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout, "0\n");
  assert.equal(bad.stderr, "printf: invalid number 'abc'\n");
  assert.equal(
    (await run(printf, ["printf", "%e %g %u\n", "1234.5", "0.0001", "-1"])).stdout,
    "1.234500e+03 0.0001 18446744073709551615\n",
  );
});

Deno.test("test evaluates files, strings, numbers and reports errors with status 2", async () => {
  const files = { "/d/f": "x", "/d/empty": "" };
  assert.equal((await run(test, ["test", "-f", "/d/f"], { files })).status, 0);
  assert.equal((await run(test, ["test", "-s", "/d/empty"], { files })).status, 1);
  assert.equal(
    (await run(test, ["[", "-d", "/d", "-a", "!", "-e", "/nope", "]"], { files })).status,
    0,
  );
  assert.equal((await run(test, ["test", "2", "-lt", "10"])).status, 0);
  const bad = await run(test, ["test", "a", "-eq", "1"]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "test: a: bad number\n");
  assert.equal((await run(test, ["[", "1", "=", "1"])).stderr, "[: missing ]\n");
});

Deno.test("expr does arithmetic, matching and string functions", async () => {
  assert.equal((await run(expr, ["expr", "3", "+", "4", "*", "2"])).stdout, "11\n");
  assert.equal((await run(expr, ["expr", "abc", ":", "a\\(.\\)"])).stdout, "b\n");
  assert.equal((await run(expr, ["expr", "substr", "hello", "2", "3"])).stdout, "ell\n");
  const zero = await run(expr, ["expr", "0"]);
  assert.equal(zero.status, 1);
  const div = await run(expr, ["expr", "5", "/", "0"]);
  assert.deepEqual([div.status, div.stderr], [2, "expr: division by zero\n"]);
});

Deno.test("seq counts with steps, separators and widths", async () => {
  assert.equal((await run(seq, ["seq", "2", "2", "7"])).stdout, "2\n4\n6\n");
  assert.equal((await run(seq, ["seq", "-s,", "3"])).stdout, "1,2,3\n");
  assert.equal((await run(seq, ["seq", "-w", "8", "10"])).stdout, "08\n09\n10\n");
  assert.equal((await run(seq, ["seq", "-1", "-1", "-3"])).stdout, "-1\n-2\n-3\n");
});

Deno.test("date formats epoch times in UTC and named offsets", async () => {
  const env = { TZ: "UTC" };
  assert.equal(
    (await run(date, ["date", "-d", "@0"], { env })).stdout,
    "Thu Jan  1 00:00:00 UTC 1970\n",
  );
  assert.equal(
    (await run(date, ["date", "-d", "@1700000000", "+%F %T %j %a %s"], { env })).stdout,
    "2023-11-14 22:13:20 318 Tue 1700000000\n",
  );
  assert.equal(
    (await run(date, ["date", "-u", "-Iseconds", "-d", "@0"])).stdout,
    "1970-01-01T00:00:00+00:00\n",
  );
  assert.equal(
    (await run(date, ["date", "-d", "@0", "+%H"], { env: { TZ: "EST5" } })).stdout,
    "19\n",
  );
  assert.equal(
    (await run(date, ["date", "-d", "bogus"], { env })).stderr,
    "date: invalid date 'bogus'\n",
  );
});

Deno.test("basename and dirname follow POSIX trailing-slash rules", async () => {
  assert.equal((await run(basename, ["basename", "/a/b.txt", ".txt"])).stdout, "b\n");
  assert.equal((await run(basename, ["basename", "a/b/"])).stdout, "b\n");
  assert.equal((await run(dirname, ["dirname", "/a/b/"])).stdout, "/a\n");
  assert.equal((await run(dirname, ["dirname", "a"])).stdout, ".\n");
});

Deno.test("id reads names from /etc/passwd and /etc/group", async () => {
  assert.equal((await run(id, ["id"])).stdout, "uid=0(root) gid=0(root) groups=0(root)\n");
  assert.equal((await run(id, ["id", "-un"])).stdout, "root\n");
});

Deno.test("kill signals through the process table and lists signals", async () => {
  const processes = [{
    pid: 7,
    ppid: 1,
    uid: 0,
    args: ["sleep", "9"],
    startedMs: 0,
    state: "S" as const,
  }];
  const r = await run(kill, ["kill", "-9", "7"], { processes });
  assert.deepEqual(r.killed, ["7:SIGKILL"]);
  const missing = await run(kill, ["kill", "8"], { processes });
  assert.deepEqual([missing.status, missing.stderr], [
    1,
    "kill: can't kill pid 8: No such process\n",
  ]);
  assert.equal((await run(kill, ["kill", "-l", "9"])).stdout, "KILL\n");
});

Deno.test("sleep stops when the process is signalled", async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort("SIGTERM"), 20);
  await assert.rejects(
    run(sleep, ["sleep", "30"], { signal: controller.signal }),
    (e) => e === "SIGTERM",
  );
});

Deno.test("env runs a command with a changed environment", async () => {
  const r = await run(env, ["env", "-i", "A=1", "printenv", "A"]);
  assert.equal(r.stdout, "1\n");
  assert.equal((await run(env, ["env", "-i", "X=y"])).stdout, "X=y\n");
});

Deno.test("timeout ends a long command with 128+SIGTERM", async () => {
  const r = await run(timeout, ["timeout", "0.05", "sleep", "30"]);
  assert.equal(r.status, 143);
  assert.equal((await run(timeout, ["timeout", "5", "true"])).status, 0);
});

Deno.test("shell builtins report errors as the shell", async () => {
  const { shellBuiltins } = await import("./shell_builtins.ts");
  const r = await run(shellBuiltins.printf, ["printf", "%d\n", "x"]);
  assert.deepEqual([r.status, r.stdout, r.stderr], [1, "0\n", "sh: invalid number 'x'\n"]);
  assert.equal((await run(shellBuiltins["["], ["[", "1", "-eq"])).stderr, "sh: missing ]\n");
});

Deno.test("--help prints the usage on stderr and succeeds, as busybox does", async () => {
  const r = await run(seq, ["seq", "--help"]);
  assert.deepEqual([r.status, r.stdout, r.stderr], [
    0,
    "",
    "Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n",
  ]);
});
