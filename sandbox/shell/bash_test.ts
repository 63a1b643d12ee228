import assert from "node:assert/strict";
import { sh } from "./test_utils.ts";

// Expected outputs are GNU bash 5.2's (Debian 12) for these bash extensions.
const BASH_CASES: [string, string][] = [
  ["x=abc; [[ -n $x && ( $x == a* || -z $y ) ]] && echo compound", "compound\n"],
  ["[[ apple < banana ]] && echo lt; [[ b > a ]] && echo gt", "lt\ngt\n"],
  ["[[ ! -d /nonexistent ]] && echo notdir", "notdir\n"],
  ['x=abc123; [[ $x =~ [0-9]+ ]] && echo "m=${BASH_REMATCH[0]}"', "m=123\n"],
  [
    'x="a b"; [[ $x == "a b" ]] && echo quoted-eq; [[ $x == a\\ * ]] && echo esc',
    "quoted-eq\nesc\n",
  ],
  [
    'p="a*"; [[ abc == $p ]] && echo pat-var; [[ abc == "$p" ]] || echo quoted-literal',
    "pat-var\nquoted-literal\n",
  ],
  ["[[ 10 -gt 9 ]] && echo numgt; [[ 1+1 -eq 2 ]] && echo arith-eq", "numgt\narith-eq\n"],
  ["x=; [[ -z $x ]] && echo empty-unquoted-ok", "empty-unquoted-ok\n"],
  ['arr=(a b c); echo "${arr[@]:1}" "${#arr[1]}" "${arr[-1]}"', "b c 1 c\n"],
  ['arr=(a b c); unset \'arr[1]\'; echo "${arr[@]}" "${#arr[@]}"', "a c 2\n"],
  [
    'arr=(); arr+=(x); arr+=(y z); echo "${arr[*]}"; for e in "${arr[@]}"; do echo "<$e>"; done',
    "x y z\n<x>\n<y>\n<z>\n",
  ],
  ["a=(1 2 3); echo $((a[0] + a[2]))", "4\n"],
  [
    's="Hello World"; echo ${s,,} ${s^^} ${s/World/There} ${s// /_} ${s:6} ${s: -5:3}',
    "hello world HELLO WORLD Hello There Hello_World World Wor\n",
  ],
  ["f=archive.tar.gz; echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.}", "archive.tar archive tar.gz gz\n"],
  ["x=5; (( x++ )); echo $x; (( x > 3 )) && echo big; (( x = x * 2 )); echo $x", "6\nbig\n12\n"],
  ["for ((i=0, j=10; i<3; i++, j--)); do echo $i $j; done", "0 10\n1 9\n2 8\n"],
  ["declare -a list=(one two); echo ${list[1]}; declare -i n=5; echo $n", "two\n5\n"],
  ["v=abc; echo ${v:1:1} ${v::2}", "b ab\n"],
  ["str=hello; echo ${str/#he/HE} ${str/%lo/LO}", "HEllo helLO\n"],
  ["echo $'tab\\there' $'quote\\'s'", "tab\there quote's\n"],
  ["x=3; case $x in [0-9]) echo digit;; esac; [[ $x == [0-9] ]] && echo dbl", "digit\ndbl\n"],
  // Checked against bash 5.2 too: POSIX classes in =~ and quoted parts matching literally.
  [
    'x=abc123; [[ $x =~ ^[[:alpha:]]+([[:digit:]]+)$ ]] && echo "d=${BASH_REMATCH[1]}"; [[ "a.c" =~ a"."c ]] && echo lit; [[ "abc" =~ a"."c ]] || echo nolit',
    "d=123\nlit\nnolit\n",
  ],
];

Deno.test("bash extensions print what GNU bash prints", async () => {
  for (const [script, stdout] of BASH_CASES) {
    const r = await sh(script);
    assert.equal(r.stdout, stdout, script);
    assert.equal(r.status, 0, script);
  }
});

// bash 5.2's output; busybox ash has no brace expansion, so `sh` leaves braces alone.
const BRACES: [string, string][] = [
  [
    "echo a{b,c}d {1..3} x{a..e..2} '{q,r}' {single} pre{,.bak}",
    "abd acd 1 2 3 xa xc xe {q,r} {single} pre pre.bak\n",
  ],
  [
    "echo {01..10..3} {5..1} {-2..2} {a..c}{1..2}",
    "01 04 07 10 5 4 3 2 1 -2 -1 0 1 2 a1 a2 b1 b2 c1 c2\n",
  ],
  ['echo {a,b{c,d}}e "{x,y}" ${HOME}{1,2}', "ae bce bde {x,y} /root1 /root2\n"],
  ["mkdir -p /tmp/bx/{one,two}/sub && ls /tmp/bx", "one\ntwo\n"],
];

Deno.test("brace expansion when invoked as bash, not as sh", async () => {
  for (const [script, stdout] of BRACES) {
    assert.equal((await sh(script, { argv: ["bash", "-c", script] })).stdout, stdout, script);
  }
  assert.equal((await sh("echo a{b,c}")).stdout, "a{b,c}\n");
  assert.equal((await sh("set -o braceexpand; eval 'echo a{b,c}'")).stdout, "ab ac\n");
});

Deno.test("shopt: nullglob, dotglob, extglob patterns; unknown options are refused", async () => {
  const script = `shopt -s nullglob; for f in /nonexistent/*.x; do echo never; done; echo done
mkdir -p /tmp/g; touch /tmp/g/.h /tmp/g/v /tmp/g/a.md /tmp/g/c.sh; cd /tmp/g
shopt -s dotglob; echo *; shopt -u dotglob; echo *
echo !(*.md); echo @(a|c).*; case x.tgz in *.@(tgz|zip)) echo archive;; esac
shopt -q nullglob; echo $?; shopt -s bogus; echo $?`;
  const r = await sh(script, { argv: ["bash", "-c", script] });
  assert.equal(r.stdout, "done\n.h a.md c.sh v\na.md c.sh v\nc.sh v\na.md c.sh\narchive\n0\n1\n");
  assert.equal(r.stderr, "sh: shopt: line 4: bogus: invalid shell option name\n");
});
