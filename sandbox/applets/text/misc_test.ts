import assert from "node:assert/strict";
import { readText, run } from "../testing.ts";
import { base64 } from "./base64.ts";
import { comm } from "./comm.ts";
import { cmp, diff } from "./diff.ts";
import { hexdump, xxd } from "./hexdump.ts";
import { fold, nl, paste, rev, tac } from "./lines.ts";
import { od } from "./od.ts";
import { split } from "./split.ts";

const bin = "hello world\nabc\x01";

Deno.test("nl, rev, tac, fold and paste", async () => {
  assert.equal(
    (await run(nl, ["nl"], { stdin: "a\n\nb\n" })).stdout,
    "     1\ta\n       \n     2\tb\n",
  );
  assert.equal((await run(rev, ["rev"], { stdin: "abc\nde\n" })).stdout, "cba\ned\n");
  assert.equal((await run(tac, ["tac"], { stdin: "1\n2\n" })).stdout, "2\n1\n");
  assert.equal(
    (await run(fold, ["fold", "-w", "4"], { stdin: "abcdefghij\n" })).stdout,
    "abcd\nefgh\nij\n",
  );
  const files = { "/f1": "a\nb\n", "/f2": "a\nc\n" };
  assert.equal((await run(paste, ["paste", "/f1", "/f2"], { files })).stdout, "a\ta\nb\tc\n");
  assert.equal((await run(paste, ["paste", "-sd,", "/f1"], { files })).stdout, "a,b\n");
  assert.equal((await run(comm, ["comm", "/f1", "/f2"], { files })).stdout, "\t\ta\nb\n\tc\n");
});

Deno.test("od, hexdump and xxd dump bytes like busybox", async () => {
  assert.equal(
    (await run(od, ["od", "-c"], { stdin: bin })).stdout,
    "0000000   h   e   l   l   o       w   o   r   l   d  \\n   a   b   c 001\n0000020\n",
  );
  assert.equal((await run(od, ["od", "-An", "-tx1"], { stdin: "AB" })).stdout, " 41 42\n");
  assert.equal(
    (await run(hexdump, ["hexdump", "-C"], { stdin: bin })).stdout,
    "00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a 61 62 63 01  |hello world.abc.|\n00000010\n",
  );
  assert.equal((await run(xxd, ["xxd", "-p"], { stdin: "AB" })).stdout, "4142\n");
  assert.equal(
    (await run(xxd, ["xxd"], { stdin: "AB" })).stdout,
    "00000000: 4142                                     AB\n",
  );
});

Deno.test("diff prints unified hunks and cmp finds the first difference", async () => {
  const files = {
    "/a": "1\n2\n3\n4\n5\n6\n7\n8\n",
    "/b": "1\n2\n3\n4\nX\n6\n7\n8\n",
    "/c": "1\n2",
  };
  const r = await run(diff, ["diff", "/a", "/b"], { files, env: { TZ: "UTC" } });
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout.split("\n").slice(2).join("\n"),
    "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n",
  );
  assert.equal((await run(diff, ["diff", "/a", "/a"], { files })).status, 0);
  const nonl = await run(diff, ["diff", "/c", "/c"], { files });
  assert.equal(nonl.stdout, "");
  assert.equal(
    (await run(cmp, ["cmp", "/a", "/b"], { files })).stdout,
    "/a /b differ: char 9, line 5\n",
  );
});

Deno.test("base64 round-trips and split writes pieces", async () => {
  assert.equal((await run(base64, ["base64"], { stdin: "abc" })).stdout, "YWJj\n");
  assert.equal((await run(base64, ["base64", "-d"], { stdin: "YWJj\n" })).stdout, "abc");
  const r = await run(split, ["split", "-l", "2", "-", "/part"], { stdin: "1\n2\n3\n" });
  assert.equal(await readText(r.fs, "/partab"), "3\n");
});
