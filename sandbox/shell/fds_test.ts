import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

// Outputs checked against Debian's `busybox sh -c` (BusyBox 1.35.0) run in a scratch directory.
const CASES: [string, string, string][] = [
  ["echo out; echo err >&2", "out\n", "err\n"],
  ["echo hi 2>&1 >/dev/null; echo to-null >/dev/null; echo ok", "ok\n", ""],
  ["echo err 2>&1 1>&2 | cat", "err\n", ""],
  [
    "exec 3>&1; echo via3 >&3; exec 3>&-; echo closed >&3; echo $?",
    "via3\n1\n",
    "sh: 3: Bad file descriptor\n",
  ],
  ["echo x >/tmp/f; echo y >>/tmp/f; cat /tmp/f; cat </tmp/f | wc -l", "x\ny\n2\n", ""],
  ["echo abc >/tmp/g; exec 4<>/tmp/g; read line <&4; echo $line", "abc\n", ""],
  [
    "set -C; echo a >/tmp/h; echo b >/tmp/h; echo $?; echo c >|/tmp/h; cat /tmp/h",
    "1\nc\n",
    "sh: can't create /tmp/h: File exists\n",
  ],
  ["echo to-stdout >/dev/stdout; echo to-stderr >/dev/stderr", "to-stdout\n", "to-stderr\n"],
  ["cat /nonexist 2>/dev/null; echo $?", "1\n", ""],
  ["cat < /nonexist; echo $?", "1\n", "sh: can't open /nonexist: no such file\n"],
  ["echo > /nonexist/x; echo $?", "1\n", "sh: can't create /nonexist/x: nonexistent directory\n"],
  ['t=$( (echo a; echo b >&2) 2>&1 ); echo "$t"', "a\nb\n", ""],
  ["exec 2>/dev/null; ls /nope; echo after", "after\n", ""],
  ["echo one; exec >/dev/null; echo hidden", "one\n", ""],
  ["exec 5>/tmp/t3; echo to5 >&5; exec 5>&-; cat /tmp/t3", "to5\n", ""],
  ["(echo sub-out; echo sub-err >&2) 2>/dev/null", "sub-out\n", ""],
  ["cat <<EOF | tr a-z A-Z\nlow $((2*3))\nEOF", "LOW 6\n", ""],
  ['echo "$(cat <<EOF\ninner heredoc\nEOF\n)"', "inner heredoc\n", ""],
  ["cat <&-; echo $?", "1\n", "cat: read error: Bad file descriptor\n"],
  ["echo x >&-; echo $?", "1\n", "sh: write error: Bad file descriptor\n"],
  ["exec >&-; echo x; echo y >&2", "", "sh: write error: Bad file descriptor\ny\n"],
];

Deno.test("redirections: files, duplication, closing, here-documents, /dev/std*", async () => {
  for (const [script, stdout, stderr] of CASES) {
    const r = await sh(script);
    assert.equal(r.stdout, stdout, script);
    assert.equal(r.stderr, stderr, script);
  }
});

Deno.test("redirections: /dev/stdin reads the shell's stdin", async () => {
  const r = await sh('cat /dev/stdin | tr a-z A-Z; read x </dev/stdin; echo "[$x]"', {
    stdin: "piped\n",
  });
  assert.equal(r.stdout, "PIPED\n[]\n");
});
