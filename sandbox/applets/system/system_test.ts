import assert from "node:assert/strict";
import { run } from "../testing.ts";
import { checksum } from "../hash/sums.ts";
import { hostname, nproc, uname } from "./identity.ts";
import { ps } from "./processes.ts";
import { free, uptime } from "./resources.ts";

Deno.test("uname, hostname and nproc report SystemInfo", async () => {
  assert.equal(
    (await run(uname, ["uname", "-a"])).stdout,
    "Linux sandbox-test 6.1.0-sockerless #1 SMP x86_64 Linux\n",
  );
  assert.equal((await run(hostname, ["hostname"])).stdout, "sandbox-test\n");
  assert.equal((await run(nproc, ["nproc"])).stdout, "2\n");
});

Deno.test("free and uptime use the sandbox's memory and boot time", async () => {
  const lines = (await run(free, ["free"])).stdout.split("\n");
  assert.match(lines[1], /^Mem:\s+1048576\s+524288\s+524288\s+0\s+0\s+524288$/);
  assert.match(
    (await run(uptime, ["uptime"])).stdout,
    /^ \d\d:\d\d:\d\d up {2}1:02, {2}0 users\n$/,
  );
});

Deno.test("ps lists the process table with names from /etc/passwd", async () => {
  const processes = [{
    pid: 1,
    ppid: 0,
    uid: 0,
    args: ["sh", "-c", "sleep 9"],
    startedMs: 0,
    state: "S" as const,
  }];
  assert.equal(
    (await run(ps, ["ps"], { processes })).stdout,
    "PID   USER     COMMAND\n    1 root     sh -c sleep 9\n",
  );
  assert.equal(
    (await run(ps, ["ps", "-o", "pid,comm"], { processes })).stdout,
    "  PID COMMAND\n    1 sh\n",
  );
});

Deno.test("checksums match known digests and -c verifies them", async () => {
  assert.equal(
    (await run(checksum, ["md5sum"], { stdin: "a\nb\n" })).stdout,
    "dd8c6a395b5dd36c56d23275028f526c  -\n",
  );
  assert.equal(
    (await run(checksum, ["sha256sum"], { stdin: "" })).stdout,
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n",
  );
  const files = { "/f": "a\nb\n", "/sums": "dd8c6a395b5dd36c56d23275028f526c  /f\n" };
  assert.equal((await run(checksum, ["md5sum", "-c", "/sums"], { files })).stdout, "/f: OK\n");
});

Deno.test("watch reruns its command until signalled", async () => {
  const { watch } = await import("./processes.ts");
  const { collectOutput } = await import("../../io.ts");
  const controller = new AbortController();
  const calls: string[][] = [];
  const { testFileSystem } = await import("../testing.ts");
  const fs = await testFileSystem();
  const stdout = collectOutput();
  const ctx = {
    argv: ["watch", "-n", "0.01", "-t", "echo", "hi"],
    env: {},
    cwd: "/",
    pid: 2,
    uid: 0,
    gid: 0,
    umask: 0o022,
    stdin: { read: () => Promise.resolve(null), unread: () => {} },
    stdout,
    stderr: collectOutput(),
    fs,
    signal: controller.signal,
    processes: { list: () => [], kill: () => false },
    system: {
      hostname: "h",
      kernel: { sysname: "Linux", release: "6", version: "#1", machine: "x86_64" },
      ncpu: 1,
      memTotalBytes: 1,
      memFreeBytes: () => 1,
      bootTimeMs: 0,
    },
    spawn: (argv: string[]) => {
      calls.push(argv);
      if (calls.length === 3) controller.abort("SIGINT");
      return Promise.resolve(0);
    },
  };
  await assert.rejects(watch(ctx), (e) => e === "SIGINT");
  assert.equal(calls.length, 3);
  assert.deepEqual(calls[0], ["sh", "-c", "echo hi"]);
});

Deno.test("df reports the root filesystem against the sandbox's memory", async () => {
  const { df } = await import("./resources.ts");
  const r = await run(df, ["df"]);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines[0], "Filesystem           1K-blocks      Used Available Use% Mounted on");
  assert.match(lines[1], /^overlay\s+1048576\s+\d+\s+\d+\s+\d+% \/$/);
});
