import assert from "node:assert/strict";
import { escapePattern, hasGlobChars, matchPattern, unescapePattern } from "./pattern.ts";

Deno.test("pattern: *, ?, brackets, classes, negation and escapes", () => {
  assert.ok(matchPattern("a*c", "abbbc"));
  assert.ok(matchPattern("a?c", "abc"));
  assert.ok(!matchPattern("a?c", "ac"));
  assert.ok(matchPattern("[a-c]x", "bx"));
  assert.ok(matchPattern("[!a-c]x", "dx"));
  assert.ok(matchPattern("[^a-c]x", "dx"));
  assert.ok(matchPattern("[[:digit:]][[:upper:]]", "7Q"));
  assert.ok(matchPattern("[]]", "]"));
  assert.ok(matchPattern("\\*", "*"));
  assert.ok(!matchPattern("\\*", "x"));
  assert.ok(matchPattern("a.b", "a.b"));
  assert.ok(!matchPattern("a.b", "axb"));
  assert.ok(matchPattern("x[", "x["), "an unclosed [ is literal");
  assert.ok(matchPattern("*", "multi\nline"));
});

Deno.test("pattern: glob detection and quoting round trip", () => {
  assert.equal(hasGlobChars("["), false);
  assert.equal(hasGlobChars("[ab]"), true);
  assert.equal(hasGlobChars("\\*"), false);
  assert.equal(hasGlobChars("x?"), true);
  assert.equal(unescapePattern(escapePattern("a*b?[c]\\")), "a*b?[c]\\");
  assert.ok(matchPattern(escapePattern("a*b"), "a*b"));
});
