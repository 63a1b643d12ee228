import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

// Each line is what Debian's `busybox sh -c` (BusyBox 1.35.0) prints.
const CASES: [string, string][] = [
  ["echo $(( 10 / 3 )) $(( -10 / 3 )) $(( 10 % 3 )) $(( -10 % 3 ))", "3 -3 1 -1"],
  ["echo $(( 1 << 62 )) $(( 2**62 ))", "4611686018427387904 4611686018427387904"],
  [
    "echo $((9223372036854775807 + 1)) $(( 1 << 63 )) $((~0)) $((~4294967296)) $(( 0x7fffffffffffffff ))",
    "-9223372036854775808 -9223372036854775808 -1 -4294967297 9223372036854775807",
  ],
  ["echo $((36#z)) $((010)) $((2#101)) $((64#_)) $((16#FF)) $((-0x10))", "35 8 5 63 255 -16"],
  ['x=" 5 "; echo $(( x + 1 ))', "6"],
  ["n=3; echo $(( n > 2 ? n * 2 : 0 )) $(( n += 2, n * 2 )) $n", "6 10 5"],
  ["i=5; echo $((i++)) $i $((++i)) $((i--)) $((--i))", "5 6 7 7 5"],
  ["a=1; b=a; c=b; echo $((c + 1))", "2"],
  ["x=2+3; echo $((x * 2)) $(($x * 2))", "10 8"],
  ["echo $(( $(echo 3) + $(echo 4) ))", "7"],
];

Deno.test("arithmetic: 64-bit wrap, bases, recursion through variables, side effects", async () => {
  for (const [script, line] of CASES) {
    const r = await sh(script);
    assert.equal(r.stdout, line + "\n", script);
  }
});
