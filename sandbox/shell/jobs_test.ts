import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

// Outputs checked against Debian's `busybox sh -c` (BusyBox 1.35.0).
const CASES: [string, string, string?][] = [
  ["yes | head -3", "y\ny\ny\n"],
  ["while true; do echo x; done | head -2; echo status $?", "x\nx\nstatus 0\n"],
  ["set -o pipefail; (while :; do echo z; done) | head -1; echo $?", "z\n141\n"],
  ["seq 1 100000 | wc -l", "100000\n"],
  [`seq 1 5 | while read n; do echo "n=$n"; done | tail -2`, "n=4\nn=5\n"],
  [`{ echo a; echo b >&2; } 2>&1 | cat`, "a\nb\n"],
  [`echo a | (read x; echo "sub $x")`, "sub a\n"],
  ["false | true; echo $?; set -o pipefail; false | true; echo $?", "0\n1\n"],
  ["sleep 5 & pid=$!; kill $pid; wait $pid; echo $?", "143\n", "Terminated\n"],
  ["sleep 5 & kill %1; wait; echo done", "done\n"],
  ["(sleep 0.05; echo bg) & echo fg; wait", "fg\nbg\n"],
  ["(exit 3) & wait $!; echo $?", "3\n"],
  ["trap 'echo caught' USR1; kill -USR1 $$; echo after", "caught\nafter\n"],
  // Signals do not queue: two before the next command run the action once.
  ["trap 'echo caught' USR1; kill -USR1 $$ $$; echo after", "caught\nafter\n"],
  ["exec echo replaced; echo never", "replaced\n"],
  [`echo "x" | exec cat`, "x\n"],
];

Deno.test("jobs and pipelines: concurrency, EPIPE, wait, kill, traps", async () => {
  for (const [script, stdout, stderr = ""] of CASES) {
    const r = await sh(script);
    assert.equal(r.stdout, stdout, script);
    assert.equal(r.stderr, stderr, script);
  }
});

const READS: [string, string][] = [
  [`echo abc | { read -n 2 x; echo "$x"; }`, "ab\n"],
  [`printf 'a:b;c' | { read -d ';' x; echo "$x"; }`, "a:b\n"],
  [`echo 'a\\b' | { read x; echo "$x"; }; echo 'a\\b' | { read -r x; echo "$x"; }`, "ab\na\\b\n"],
  [`IFS=, read a b c <<EOF\n1,2,3,4\nEOF\necho "$a $b $c"`, "1 2 3,4\n"],
  [
    `while read -r line; do echo "[$line]"; done <<EOF\n  spaced  \ntab\there\nEOF`,
    "[spaced]\n[tab\there]\n",
  ],
  [`printf 'l1\\nl2\\nl3' | while read l; do echo "got $l"; done`, "got l1\ngot l2\n"],
  [
    `printf 'abcdef' | { read -n 3 v; echo "[$v]"; read -n 10 w; echo "[$w] $?"; }`,
    "[abc]\n[def] 1\n",
  ],
  [`echo x | { read -p "P> " v; echo $v; }`, "x\n"],
  [`printf 'one\\\\\\ntwo\\n' | { read v; echo "[$v]"; }`, "[onetwo]\n"],
  [`read -r -d '' v <<EOF\nmulti\nline\nEOF\necho "$? [$v]"`, "1 [multi\nline]\n"],
];

Deno.test("read: -n, -d, -r, IFS, multiple variables, last line without newline", async () => {
  for (const [script, stdout] of READS) {
    assert.equal((await sh(script)).stdout, stdout, script);
  }
});

Deno.test("read -t times out with status 1 when no input comes", async () => {
  // An input that never delivers, but honours its signal as the Input contract requires.
  const never = {
    read: (signal?: AbortSignal) =>
      new Promise<null>((_, reject) =>
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true })
      ),
    unread: () => {},
  };
  const r = await sh("read -t 0.05 x; echo $?", { stdin: never });
  assert.equal(r.stdout, "1\n");
});

Deno.test("sh: -x -e -u flags, -s with arguments, script on stdin read line by line", async () => {
  assert.equal((await sh("sh -x -c 'echo traced'")).stderr, "+ echo traced\n");
  assert.equal((await sh("sh -e -c 'false; echo no'; echo $?")).stdout, "1\n");
  assert.equal((await sh("sh -u -c 'echo $nope'; echo $?")).stdout, "2\n");
  const stdin = "echo $0 $1; read line\nthis line is data\necho got $line\n";
  const r = await sh("", { argv: ["sh", "-s", "arg"], stdin });
  assert.equal(r.stdout, "sh arg\ngot this line is data\n");
});

Deno.test("sh: bash's CI command lines (--noprofile --norc -e -o pipefail, --login) run", async () => {
  const files = {
    "/etc/profile": "export FROM_PROFILE=yes\n",
    "/tmp/step.sh": "false | true\necho unreachable\n",
  };
  const ci = await sh("bash --noprofile --norc -e -o pipefail /tmp/step.sh; echo $?", { files });
  assert.equal(ci.stdout, "1\n");
  const login = await sh("bash --login -c 'echo $FROM_PROFILE'; sh -l -c 'echo $FROM_PROFILE'", {
    files,
  });
  assert.equal(login.stdout, "yes\nyes\n");
  const bad = await sh("sh --bogus; echo $?");
  assert.equal(bad.stdout, "2\n");
  assert.equal(bad.stderr, "sh: illegal option --bogus\n");
});
