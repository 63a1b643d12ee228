import assert from "node:assert/strict";
import type { Fragment } from "./expand.ts";
import { splitFields } from "./fields.ts";
import { ansiC } from "./quoting.ts";
import { sh } from "./test_utils.ts";

const text = (fields: Fragment[][]) => fields.map((f) => f.map((x) => x.text).join(""));

Deno.test("expand: IFS splitting follows POSIX whitespace and non-whitespace rules", () => {
  const split = (s: string, ifs: string) =>
    text(splitFields([{ text: s, quoted: false, split: true }], ifs));
  assert.deepEqual(split("  a  b  ", " \t\n"), ["a", "b"]);
  assert.deepEqual(split("a::b:", ":"), ["a", "", "b"]);
  assert.deepEqual(split(":a", ":"), ["", "a"]);
  assert.deepEqual(split("a : b", " :"), ["a", "b"]);
  assert.deepEqual(split("a b", ""), ["a b"]);
  // Literal (non-expansion) text is never split; quoted empty text is still a field.
  assert.deepEqual(text(splitFields([{ text: "a b", quoted: false }], " ")), ["a b"]);
  assert.deepEqual(text(splitFields([{ text: "", quoted: true }], " ")), [""]);
});

Deno.test("expand: $'...' escapes", () => {
  assert.equal(ansiC("a\\tb\\x41\\101\\n\\\\"), "a\tbAA\n\\");
});

Deno.test("expand: globbing over the sandbox filesystem", async () => {
  const r = await sh(
    "mkdir -p /g/sub; touch /g/a.txt /g/b.txt /g/.hidden; cd /g; echo *; echo *.txt; echo .*; echo */; echo /g/?.txt; echo [ab].txt; echo 'a'*; echo \\*.txt; echo none*",
  );
  assert.equal(
    r.stdout,
    "a.txt b.txt sub\na.txt b.txt\n. .. .hidden\nsub/\n/g/a.txt /g/b.txt\na.txt b.txt\na.txt\n*.txt\nnone*\n",
  );
});

Deno.test("expand: quoting, $@ and $* rules, defaults that split", async () => {
  const r = await sh(
    `set -- "a b" c; for x in "$@"; do echo "<$x>"; done; IFS=-; echo "$*"; IFS=' '
echo \\* '\\*' "\\*" "a\\"b" $'x\\ty'
x=; set -- $x; echo $#; set -- "$x"; echo $#; set -- \${x:-e f}; echo $#; set -- "\${x:-e f}"; echo $#
set --; for x in "$@"; do echo never; done; echo "[\${@:-none}]"`,
  );
  assert.equal(r.stdout, '<a b>\n<c>\na b-c\n* \\* \\* a"b x\ty\n0\n1\n2\n1\n[none]\n');
});
