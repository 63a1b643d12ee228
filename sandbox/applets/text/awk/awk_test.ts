import assert from "node:assert/strict";
import { run } from "../../testing.ts";
import { awk } from "./awk.ts";

const prog = (source: string, stdin = "", ...args: string[]) =>
  run(awk, ["awk", ...args, source], { stdin });

Deno.test("awk splits fields, counts records and sums", async () => {
  assert.equal((await prog("{print NF, NR, $NF}", "a b c\nd e\n")).stdout, "3 1 c\n2 2 e\n");
  assert.equal((await prog("{s+=$1} END {print s, s/NR}", "1\n2\n3\n")).stdout, "6 2\n");
  assert.equal((await prog('{print $1 "-" $3}', "a:b:c\n", "-F:")).stdout, "a-c\n");
});

Deno.test("awk string builtins and regex matching", async () => {
  assert.equal(
    (await prog('{n=gsub(/foo/, "[&]"); print n, $0}', "foo bar foo\n")).stdout,
    "2 [foo] bar [foo]\n",
  );
  assert.equal(
    (await prog("{if (match($0, /[0-9]+/)) print RSTART, RLENGTH}", "abc123def\n")).stdout,
    "4 3\n",
  );
  assert.equal(
    (await prog('BEGIN { print substr("hello", 2, 3), index("abc", "c"), toupper("x") }')).stdout,
    "ell 3 X\n",
  );
  assert.equal(
    (await prog('BEGIN { n = split("a,b,,c", p, ","); print n, p[4] }')).stdout,
    "4 c\n",
  );
});

Deno.test("awk functions, arrays by reference, control flow and printf", async () => {
  assert.equal(
    (await prog("function f(n) { return n <= 1 ? 1 : n * f(n-1) } BEGIN { print f(10) }")).stdout,
    "3628800\n",
  );
  assert.equal(
    (await prog('function fill(a) { a["k"] = 5 } BEGIN { fill(arr); print arr["k"] }')).stdout,
    "5\n",
  );
  assert.equal(
    (await prog('BEGIN { printf "%5.2f|%-3s|%d|%c\\n", 3.14159, "ab", 42.9, 65 }')).stdout,
    " 3.14|ab |42|A\n",
  );
  assert.equal(
    (await prog("BEGIN { while (i < 3) { i++; if (i == 2) continue; print i } }")).stdout,
    "1\n3\n",
  );
});

Deno.test("awk compares strnums numerically and strings lexically", async () => {
  assert.equal((await prog("{v[NR]=$1} END {print (v[1] > v[2])}", "10\n9\n")).stdout, "1\n");
  assert.equal((await prog('BEGIN { print ("10" > "9") }')).stdout, "0\n");
});

Deno.test("awk writes to files, ranges, exit status and field rebuild", async () => {
  assert.equal((await prog("/b/,/c/", "a\nb\nc\nd\n")).stdout, "b\nc\n");
  assert.equal((await prog('BEGIN { OFS="-"; $0 = "a b c"; $1 = $1; print }')).stdout, "a-b-c\n");
  assert.equal((await prog("BEGIN { exit 3 }")).status, 3);
  const r = await prog(
    '{ print $2 > "/out" } END { close("/out"); while ((getline l < "/out") > 0) print "read", l }',
    "a 1\nb 2\n",
  );
  assert.equal(r.stdout, "read 1\nread 2\n");
  const bad = await prog('BEGIN { print "x }');
  assert.deepEqual([bad.status, bad.stderr], [1, "awk: cmd. line:1: Unexpected end of string\n"]);
});
