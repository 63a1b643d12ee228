import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

// Each stderr line is what Debian's `busybox sh -c SCRIPT` prints (BusyBox 1.35.0).
const CASES: [string, string][] = [
  ["echo 'a", "unterminated quoted string"],
  ["f() { echo; ", 'unexpected end of file (expecting "}")'],
  ["if true; then echo x", 'unexpected end of file (expecting "fi")'],
  ["while true; do :", 'unexpected end of file (expecting "done")'],
  ["x=$(echo", 'unexpected end of file (expecting ")")'],
  ["for do", 'unexpected end of file (expecting "do")'],
  ["echo a |", "unexpected end of file"],
  ["done", 'unexpected "done"'],
  ["fi", 'unexpected "fi"'],
  ["echo )", 'unexpected ")"'],
  ["echo $(( 3 + ))", "arithmetic syntax error"],
];

Deno.test("syntax errors read like busybox ash and exit 2", async () => {
  for (const [script, message] of CASES) {
    const r = await sh(script);
    const expected = message === "arithmetic syntax error"
      ? `sh: ${message}\n`
      : `sh: syntax error: ${message}\n`;
    assert.equal(r.stderr, expected, script);
    assert.equal(r.status, 2, script);
  }
});

Deno.test("commands before a syntax error run, as ash reads one command at a time", async () => {
  const c = await sh("echo a\necho b; fi");
  assert.equal(c.stdout, "a\n");
  assert.equal(c.stderr, 'sh: syntax error: unexpected "fi"\n');
  assert.equal(c.status, 2);
  const script = await sh("sh /tmp/s.sh", {
    files: { "/tmp/s.sh": "echo a\necho $LINENO\necho b; fi\n" },
  });
  assert.equal(script.stdout, "a\n2\n");
  assert.equal(script.stderr, '/tmp/s.sh: line 3: syntax error: unexpected "fi"\n');
  assert.equal(script.status, 2);
});
