import assert from "node:assert/strict";
import { IgnoreRules } from "./dockerignore.ts";

Deno.test("Go patterns, ** and ! re-includes, last match wins, parents count", () => {
  const rules = IgnoreRules.parse(
    "# comment\n*.log\n!keep.log\n**/tmp\nsecret/\n/docs/*.md\n!docs/README.md\n",
  );
  assert.equal(rules.ignores("a.log"), true);
  assert.equal(rules.ignores("keep.log"), false);
  assert.equal(rules.ignores("sub/a.log"), false); // * does not cross /
  assert.equal(rules.ignores("x/y/tmp/file"), true);
  assert.equal(rules.ignores("tmp"), true);
  assert.equal(rules.ignores("secret/key"), true);
  assert.equal(rules.ignores("docs/a.md"), true);
  assert.equal(rules.ignores("docs/README.md"), false);
  assert.equal(rules.ignores("src/main.ts"), false);
});

Deno.test("character classes and ?", () => {
  const rules = IgnoreRules.parse("file[0-9].txt\n?.c\n");
  assert.equal(rules.ignores("file3.txt"), true);
  assert.equal(rules.ignores("filex.txt"), false);
  assert.equal(rules.ignores("a.c"), true);
  assert.equal(rules.ignores("ab.c"), false);
});
