import assert from "node:assert/strict";
import { processPairs, processWord, processWords } from "./shell_lex.ts";

const vars = new Map([["A", "a"], ["EMPTY", ""], ["SP", "x y"]]);

Deno.test("Docker's substitution forms", () => {
  assert.equal(processWord("$A/${A}/${B:-d}/${A:+p}/${B:+p}", vars), "a/a/d/p/");
  assert.equal(processWord("${EMPTY:-d}|${EMPTY-d}|${EMPTY+p}", vars), "d||p");
  assert.equal(processWord("'$A'\"$A\"\\$A", vars), "$Aa$A");
  assert.equal(processWord("cost $5 and $", vars), "cost  and $");
  assert.throws(() => processWord("${B:?must be set}", vars), /B: must be set/);
});

Deno.test("words split on unquoted blanks only, after substitution of quoted parts", () => {
  assert.deepEqual(processWords("a \"b c\" ${SP} 'd e'", vars), ["a", "b c", "x y", "d e"]);
  assert.deepEqual(processWords('"" x', vars), ["", "x"]);
});

Deno.test("pairs, and the legacy ENV form", () => {
  assert.deepEqual(processPairs('K=v "Q=a b" R="$A c"', vars, "\\", true), [
    ["K", "v"],
    ["Q", "a b"],
    ["R", "a c"],
  ]);
  assert.deepEqual(processPairs("KEY some value $A", vars, "\\", true), [["KEY", "some value a"]]);
});
