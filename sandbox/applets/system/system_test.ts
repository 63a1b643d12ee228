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
