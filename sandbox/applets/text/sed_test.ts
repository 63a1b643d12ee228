import assert from "node:assert/strict";
import { readText, run } from "../testing.ts";
import { sed } from "./sed.ts";

const abc = "a\nb\nc\n";

Deno.test("sed substitutes with groups, occurrences and the empty-match rule", async () => {
  assert.equal(
    (await run(sed, ["sed", "s/\\([a-z]*\\) \\([a-z]*\\)/\\2 \\1/"], { stdin: "one two\n" }))
      .stdout,
    "two one\n",
  );
  assert.equal(
    (await run(sed, ["sed", "s/o/0/2"], { stdin: "hello world\n" })).stdout,
    "hello w0rld\n",
  );
  assert.equal((await run(sed, ["sed", "s/l*/X/g"], { stdin: "hello\n" })).stdout, "XhXeXoX\n");
  assert.equal(
    (await run(sed, ["sed", "-E", "s/(b|c)+/<\\1>/"], { stdin: "abc\n" })).stdout,
    "a<c>\n",
  );
});

Deno.test("sed addresses, ranges, and multi-line commands", async () => {
  assert.equal((await run(sed, ["sed", "-n", "$="], { stdin: abc })).stdout, "3\n");
  assert.equal((await run(sed, ["sed", "-n", "/b/,$p"], { stdin: abc })).stdout, "b\nc\n");
  assert.equal((await run(sed, ["sed", "$!N;s/\\n/-/"], { stdin: abc })).stdout, "a-b\nc\n");
  assert.equal((await run(sed, ["sed", "1!G;h;$!d"], { stdin: abc })).stdout, "c\nb\na\n");
  assert.equal((await run(sed, ["sed", "2i\\\nX"], { stdin: abc })).stdout, "a\nX\nb\nc\n");
  assert.equal((await run(sed, ["sed", "2c\\changed"], { stdin: abc })).stdout, "a\nchanged\nc\n");
  assert.equal((await run(sed, ["sed", "s/b/X/"], { stdin: "abc" })).stdout, "aXc");
});

Deno.test("sed follows busybox quirks: 2g replaces all, no 0 address", async () => {
  assert.equal((await run(sed, ["sed", "s/a/b/2g"], { stdin: "aaaa\n" })).stdout, "bbbb\n");
  assert.equal((await run(sed, ["sed", "0,/a/s/a/X/"], { stdin: "alpha\n" })).stdout, "alpha\n");
  assert.equal((await run(sed, ["sed", "-n", "/b/{p;q}"], { stdin: "a\nb\nb\n" })).stdout, "b\n");
});

Deno.test("sed -i edits files in place and reports bad labels", async () => {
  const r = await run(sed, ["sed", "-i", "s/a/A/", "/f"], { files: { "/f": "abc\n" } });
  assert.equal(await readText(r.fs, "/f"), "Abc\n");
  const bad = await run(sed, ["sed", "bnowhere"], { stdin: abc });
  assert.deepEqual([bad.status, bad.stderr], [1, "sed: can't find label for jump to 'nowhere'\n"]);
});
