import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";
import { traceQuote } from "./trace.ts";

// stderr as Debian's `busybox sh -c` (BusyBox 1.35.0) prints it.
const CASES: [string, string][] = [
  [`set -x; x=$(echo a); echo "$x"`, "+ echo a\n+ x=a\n+ echo a\n"],
  [`set -x; f() { echo in; }; f`, "+ f\n+ echo 'in'\n"],
  [`set -x; [ 1 = 1 ] && echo yes`, "+ '[' 1 '=' 1 ]\n+ echo yes\n"],
  [`set -x; echo 'a b' "c" d\\ e`, "+ echo 'a b' c 'd e'\n"],
  [`set -x; export A=1; t() { local v=2; }; t`, "+ export 'A=1'\n+ t\n+ local 'v=2'\n"],
  [`PS4='>> '; set -x; echo custom`, ">> echo custom\n"],
  [`set -x; echo "it's"`, `+ echo 'it'"'"'s'\n`],
];

Deno.test("set -x traces each command once, quoted like busybox ash", async () => {
  for (const [script, stderr] of CASES) {
    assert.equal((await sh(script)).stderr, stderr, script);
  }
});

Deno.test("set -x never runs a command substitution twice", async () => {
  const r = await sh("set -x; n=0; x=$(n=1; echo run >&2); y=$(echo $((n+1))) true; echo $y");
  assert.equal(r.stderr.split("\n").filter((line) => line === "run").length, 1);
});

Deno.test("traceQuote leaves only ash's safe characters bare", () => {
  assert.equal(traceQuote("a-b_c/d.e:f@g+h,i]^"), "a-b_c/d.e:f@g+h,i]^");
  assert.equal(traceQuote(""), "''");
  assert.equal(traceQuote("done"), "'done'");
  assert.equal(traceQuote("a=b"), "'a=b'");
  assert.equal(traceQuote("x[1]"), "'x[1]'");
});
