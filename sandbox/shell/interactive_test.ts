import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

Deno.test("sh on a terminal is interactive: prompts, errors do not end the session", async () => {
  const r = await sh("", {
    argv: ["sh"],
    tty: [true, true, true],
    stdin: "echo hi\nif true\nthen echo multi; fi\necho 'bad\n'\nnosuch\ncd /tmp\nexit 3\n",
  });
  assert.equal(r.stdout, "hi\nmulti\nbad\n\n");
  assert.equal(
    r.stderr,
    "/ # / # > / # > / # sh: nosuch: not found\n/ # /tmp # ",
  );
  assert.equal(r.status, 3);
});

Deno.test("sh without a terminal reads stdin as a script and stops at a syntax error", async () => {
  const r = await sh("", { argv: ["sh"], stdin: "echo one\nfi\necho two\n" });
  assert.equal(r.stdout, "one\n");
  assert.equal(r.stderr, 'sh: syntax error: unexpected "fi"\n');
  assert.equal(r.status, 2);
});
