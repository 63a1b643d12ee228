import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

// Expected outputs below were checked against Debian's `busybox sh -c` (BusyBox 1.35.0).
const CASES: [string, string, number?][] = [
  [
    `x=3; echo "x is $x" $((x*2)) $((x**3)) $((7/2)) $((7%3)) $((1<2)) $((x+=1)) $x`,
    "x is 3 6 27 3 1 1 4 4\n",
  ],
  [`for i in a b; do echo $i; done | cat`, "a\nb\n"],
  ["echo $(echo sub) `echo back`", "sub back\n"],
  [
    `a="1 2   3"; for w in $a; do echo "[$w]"; done; for w in "$a"; do echo "[$w]"; done`,
    "[1]\n[2]\n[3]\n[1 2   3]\n",
  ],
  [
    `set -- a "b c" d; for x in "$@"; do echo "<$x>"; done; for x in $*; do echo "($x)"; done; echo "$*"; echo $#`,
    "<a>\n<b c>\n<d>\n(a)\n(b)\n(c)\n(d)\na b c d\n3\n",
  ],
  [`IFS=:; x="a::b:"; for f in $x; do echo "[$f]"; done`, "[a]\n[]\n[b]\n"],
  [
    `x=hello; echo \${#x} \${x#h} \${x%l*} \${x%%l*} \${x##*l} \${x:-d} \${y:-d} \${y-e} \${x:+alt} \${y:+alt}`,
    "5 ello hel he o hello d e alt\n",
  ],
  [`unset y; echo \${y:=def} $y`, "def def\n"],
  [`f() { echo "args: $# $1 $2"; return 3; }; f a b; echo $?`, "args: 2 a b\n3\n"],
  [`f() { local v=inner; echo $v; }; v=outer; f; echo $v`, "inner\nouter\n"],
  [`if false; then echo no; elif true; then echo yes; else echo never; fi`, "yes\n"],
  [`i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done`, "0\n1\n2\n"],
  [`i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done`, "u0\nu1\n"],
  [
    `case abc in a*) echo star;; *) echo other;; esac; case x in [xy]) echo br;; esac`,
    "star\nbr\n",
  ],
  [`echo a && false && echo b || echo c`, "a\nc\n"],
  [`false; echo $?; true; echo $?; ! false; echo $?`, "1\n0\n0\n"],
  [`cat <<EOF\nhello $HOME\n  $(echo cmd) \\$x\nEOF`, "hello /root\n  cmd $x\n"],
  [`cat <<'EOF'\nlit $HOME \\$x\nEOF`, "lit $HOME \\$x\n"],
  [`cat <<-EOF\n\t\tindented $HOME\n\tEOF`, "indented /root\n"],
  [`read a b <<EOF\none two three\nEOF\necho "$a|$b"`, "one|two three\n"],
  [`set -e; false; echo not reached`, "", 1],
  [`x=1; (x=2; echo $x); echo $x`, "2\n1\n"],
  [`for i in 1 2 3 4; do if [ $i = 3 ]; then break; fi; echo $i; done`, "1\n2\n"],
  [`for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done`, "1\n3\n"],
  [`echo *.nomatch`, "*.nomatch\n"],
  [`exit 7`, "", 7],
  [`(exit 5); echo $?`, "5\n"],
  [`trap 'echo bye' EXIT; echo hi`, "hi\nbye\n"],
  [`printf '%s-%d\\n' a 1 b 2`, "a-1\nb-2\n"],
  [`echo $(( 0x10 + 010 + 2#101 ))`, "29\n"],
  [`v=$(printf 'a\\n\\n\\n'); echo "[$v]"`, "[a]\n"],
  [
    `g() { while getopts "ab:c" o; do echo "$o \${OPTARG-}"; done; shift $((OPTIND-1)); echo "rest $*"; }; g -a -b val -c x y`,
    "a \nb val\nc \nrest x y\n",
  ],
  [`eval 'echo evaluated $((2+2))'`, "evaluated 4\n"],
  [`: \${z:=zz}; echo $z`, "zz\n"],
  [`echo a b | while read x y; do echo "$y $x"; done`, "b a\n"],
  [`echo "$((3 > 2 ? 10 : 20))"`, "10\n"],
  [`umask; umask 027; umask`, "0022\n0027\n"],
  [`set -e; (false; echo in-sub); echo after-sub`, "", 1],
  [`set -e; false | true; echo pipe-ok`, "pipe-ok\n"],
  [`set -e; f() { false; return 0; }; f; echo after-f`, "", 1],
  [`set -e; trap 'echo exit-trap $?' EXIT; false; echo never`, "exit-trap 1\n", 1],
  [`set -e; if false; then :; fi; echo survived; false || true; echo also`, "survived\nalso\n"],
  [`echo a | exit 3; echo $?`, "3\n"],
  [`x=$(exit 4; echo no); echo "$x $?"`, " 4\n"],
  [`trap 'echo in-trap; exit 5' EXIT; exit 2`, "in-trap\n", 5],
  [`p='*'; v='a*b'; echo "\${v#*$p}" "\${v#*"$p"}"`, "a*b b\n"],
  [
    `printf '%s=%s\\n' k1 v1 k2 v2 | while IFS== read k v; do echo "$k -> $v"; done`,
    "k1 -> v1\nk2 -> v2\n",
  ],
  [`echo $(( 1 + $(echo 2) * 3 ))`, "7\n"],
  [`f() { local IFS=,; set -- $1; echo $#; }; f "a,b,c"; x="d e"; set -- $x; echo $#`, "3\n2\n"],
  [`s=""; for w in one two three; do s="$s\${s:+,}$w"; done; echo $s`, "one,two,three\n"],
  [
    `echo $$ > /tmp/p1; (echo $$) > /tmp/p2; (echo $$) & wait; cmp -s /tmp/p1 /tmp/p2 && echo same`,
    "1\nsame\n",
  ],
];

Deno.test("shell: POSIX scripts print what busybox sh prints", async () => {
  for (const [script, stdout, status = 0] of CASES) {
    const r = await sh(script);
    assert.equal(r.stdout, stdout, script);
    assert.equal(r.status, status, script);
  }
});

Deno.test("shell: errors use busybox ash wording and statuses", async () => {
  const notFound = await sh("foo");
  assert.equal(notFound.stderr, "sh: foo: not found\n");
  assert.equal(notFound.status, 127);
  const unset = await sh("set -u; echo $undefined_var; echo after");
  assert.equal(unset.stderr, "sh: undefined_var: parameter not set\n");
  assert.equal(unset.status, 2);
  const div = await sh("echo $((1/0)); echo after");
  assert.equal(div.stderr, "sh: divide by zero\n");
  assert.equal(div.status, 2);
  const ro = await sh("x=5; readonly x; x=6; echo after");
  assert.equal(ro.stderr, "sh: x: is read only\n");
  assert.equal(ro.status, 2);
  const q = await sh("echo ${x?custom message}");
  assert.equal(q.stderr, "sh: x: custom message\n");
  assert.equal(q.status, 2);
});

Deno.test("shell: bash extensions: [[ ]], arrays, substitutions, case conversion", async () => {
  const r = await sh(
    `x=hello; echo \${x/l/L} \${x//l/L} \${x:1:3} \${x:2} \${x^^} \${x^} \${x,,}
x=abc; [[ $x == a* ]] && echo glob; [[ $x =~ ^a(b)c$ ]] && echo "re \${BASH_REMATCH[1]}"
arr=(x y z); echo \${arr[1]} \${#arr[@]} "\${arr[@]}"; arr[5]=q; echo \${arr[@]}; arr+=(w); echo \${#arr[@]}
cat <<<"here string"; (( 2 > 1 )) && echo arith; echo \${!arr[@]}`,
  );
  assert.equal(
    r.stdout,
    "heLlo heLLo ell llo HELLO Hello hello\nglob\nre b\ny 3 x y z\nx y z q\n5\nhere string\narith\n0 1 2 5 6\n",
  );
});

Deno.test("shell: $RANDOM, $SECONDS, $LINENO and unsupported bash features fail loudly", async () => {
  const r = await sh(
    'x=$RANDOM; [ "$x" -ge 0 ] && [ "$x" -lt 32768 ] && echo rnd; case $SECONDS in *[!0-9]*) ;; *) echo secs;; esac\necho $LINENO',
  );
  assert.equal(r.stdout, "rnd\nsecs\n1\n");
  const assoc = await sh("declare -A m; echo never");
  assert.equal(
    assoc.stderr,
    "sh: declare: line 0: -A: associative arrays are not supported by this shell\n",
  );
  assert.equal(assoc.status, 2);
  const procSubst = await sh("cat <(echo x)");
  assert.equal(
    procSubst.stderr,
    "sh: process substitution <(...) is not supported by this shell\n",
  );
  assert.equal(procSubst.status, 2);
});
