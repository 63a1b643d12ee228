import assert from "node:assert/strict";
import { run } from "../testing.ts";
import { cat } from "./cat.ts";
import { cut } from "./cut.ts";
import { grep } from "./grep.ts";
import { head } from "./head.ts";
import { sort } from "./sort.ts";
import { tail } from "./tail.ts";
import { tr } from "./tr.ts";
import { uniq } from "./uniq.ts";
import { wc } from "./wc.ts";

Deno.test("cat numbers lines and shows control characters", async () => {
  assert.equal((await run(cat, ["cat", "-A"], { stdin: "a\tb\x01\n" })).stdout, "a^Ib^A$\n");
  assert.equal(
    (await run(cat, ["cat", "-b"], { stdin: "a\n\nb" })).stdout,
    "     1\ta\n\n     2\tb\n",
  );
  const missing = await run(cat, ["cat", "/nope"]);
  assert.deepEqual([missing.status, missing.stderr], [
    1,
    "cat: can't open '/nope': No such file or directory\n",
  ]);
});

Deno.test("cat passes bytes through unchanged", async () => {
  const bytes = new Uint8Array([0, 255, 128, 10, 200]);
  assert.deepEqual((await run(cat, ["cat", "/b"], { files: { "/b": bytes } })).stdoutBytes, bytes);
});

Deno.test("head and tail count lines and bytes from either end", async () => {
  const stdin = "1\n2\n3\n";
  assert.equal((await run(head, ["head", "-n", "-1"], { stdin })).stdout, "1\n2\n");
  assert.equal((await run(head, ["head", "-2"], { stdin })).stdout, "1\n2\n");
  assert.equal((await run(tail, ["tail", "-n", "+2"], { stdin })).stdout, "2\n3\n");
  assert.equal((await run(tail, ["tail", "-c", "2"], { stdin: "x\ny" })).stdout, "\ny");
  const files = { "/a": "1\n2\n3\n", "/b": "x\ny" };
  assert.equal(
    (await run(tail, ["tail", "-n", "1", "/a", "/b"], { files })).stdout,
    "==> /a <==\n3\n\n==> /b <==\ny",
  );
});

Deno.test("tail -f prints what is appended until signalled", async () => {
  const controller = new AbortController();
  const { testFileSystem } = await import("../testing.ts");
  const fs = await testFileSystem({ "/log": "one\n" });
  const running = run(tail, ["tail", "-f", "-s", "0.01", "/log"], {
    fs,
    signal: controller.signal,
  });
  await new Promise((r) => setTimeout(r, 30));
  await fs.writeFile("/log", new TextEncoder().encode("two\n"), { append: true });
  await new Promise((r) => setTimeout(r, 50));
  controller.abort("SIGTERM");
  await assert.rejects(running, (e) => e === "SIGTERM");
});

Deno.test("wc pads columns unless one count of one input", async () => {
  assert.equal(
    (await run(wc, ["wc"], { stdin: "a b\nc\n" })).stdout,
    "        2         3         6\n",
  );
  assert.equal((await run(wc, ["wc", "-l"], { stdin: "a b\nc\n" })).stdout, "2\n");
});

Deno.test("sort orders by keys, numbers, months and removes duplicates", async () => {
  assert.equal(
    (await run(sort, ["sort", "-t:", "-k2,2nr"], { stdin: "b:2\na:10\nc:1\n" })).stdout,
    "a:10\nb:2\nc:1\n",
  );
  assert.equal((await run(sort, ["sort", "-n"], { stdin: "10\n9\n100\n" })).stdout, "9\n10\n100\n");
  assert.equal((await run(sort, ["sort", "-u"], { stdin: "a\na\nb\n" })).stdout, "a\nb\n");
  assert.equal(
    (await run(sort, ["sort", "-M"], { stdin: "Mar\nJan\nFeb\n" })).stdout,
    "Jan\nFeb\nMar\n",
  );
  const check = await run(sort, ["sort", "-c"], { stdin: "b\na\n" });
  assert.deepEqual([check.status, check.stderr], [1, "Check line 1\n"]);
});

Deno.test("uniq counts and filters runs", async () => {
  assert.equal(
    (await run(uniq, ["uniq", "-c"], { stdin: "a\na\nb\n" })).stdout,
    "      2 a\n      1 b\n",
  );
  assert.equal((await run(uniq, ["uniq", "-d"], { stdin: "a\na\nb\n" })).stdout, "a\n");
});

Deno.test("cut selects fields and characters", async () => {
  assert.equal((await run(cut, ["cut", "-d:", "-f2-"], { stdin: "a:b:c\n" })).stdout, "b:c\n");
  assert.equal((await run(cut, ["cut", "-c2-4,6"], { stdin: "abcdef\n" })).stdout, "bcdf\n");
  assert.equal((await run(cut, ["cut", "-s", "-d,", "-f1"], { stdin: "a:b\n" })).stdout, "");
});

Deno.test("tr translates ranges, classes, deletes and squeezes", async () => {
  assert.equal(
    (await run(tr, ["tr", "[:lower:]", "[:upper:]"], { stdin: "Hello\n" })).stdout,
    "HELLO\n",
  );
  assert.equal((await run(tr, ["tr", "-cd", "[:digit:]"], { stdin: "a1b2\n" })).stdout, "12");
  assert.equal((await run(tr, ["tr", "-s", "l"], { stdin: "hello\n" })).stdout, "helo\n");
  assert.equal((await run(tr, ["tr", "a-c", "A"], { stdin: "abc\n" })).stdout, "AAA\n");
});

Deno.test("grep supports BRE/ERE/fixed, context, counts and exit codes", async () => {
  const stdin = "a\nb\nc\nd\ne\n";
  assert.equal((await run(grep, ["grep", "-C1", "c"], { stdin })).stdout, "b\nc\nd\n");
  assert.equal((await run(grep, ["grep", "-E", "^(a|e)$"], { stdin })).stdout, "a\ne\n");
  assert.equal((await run(grep, ["grep", "a\\{2\\}"], { stdin: "aab\nab\n" })).stdout, "aab\n");
  assert.equal((await run(grep, ["grep", "-F", "a+"], { stdin: "a+b\nab\n" })).stdout, "a+b\n");
  assert.equal(
    (await run(grep, ["grep", "-w", "foo"], { stdin: "foo bar\nfoobar\n" })).stdout,
    "foo bar\n",
  );
  assert.equal((await run(grep, ["grep", "-c", "x"], { stdin })).stdout, "0\n");
  assert.equal((await run(grep, ["grep", "x"], { stdin })).status, 1);
  const missing = await run(grep, ["grep", "x", "/nope"]);
  assert.deepEqual([missing.status, missing.stderr], [
    2,
    "grep: /nope: No such file or directory\n",
  ]);
  const files = { "/d/a": "hit\n", "/d/s/b": "hit\nmiss\n" };
  assert.equal(
    (await run(grep, ["grep", "-rn", "hit", "/d"], { files })).stdout,
    "/d/a:1:hit\n/d/s/b:1:hit\n",
  );
});
