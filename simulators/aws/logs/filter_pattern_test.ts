import assert from "node:assert/strict";
import { matchesFilterPattern, parseFilterPattern } from "./filter_pattern.ts";

Deno.test("term patterns: all terms, quoted phrases, ?alternatives and -exclusions", () => {
  const match = (p: string, m: string) => matchesFilterPattern(parseFilterPattern(p), m);
  assert.equal(match("", "anything"), true);
  assert.equal(match("ERROR timeout", "ERROR: timeout after 3s"), true);
  assert.equal(match("ERROR timeout", "ERROR: refused"), false);
  assert.equal(match('"disk full"', "warn: disk full on /"), true);
  assert.equal(match('"disk full"', "full disk"), false);
  assert.equal(match("?WARN ?ERROR", "ERROR x"), true);
  assert.equal(match("?WARN ?ERROR", "INFO x"), false);
  assert.equal(match("ERROR -retry", "ERROR retry 1"), false);
  assert.equal(match("error", "ERROR"), false);
});

Deno.test("JSON and space-delimited patterns are refused, not mismatched", () => {
  assert.throws(() => parseFilterPattern("{ $.level = 1 }"), /not implemented/);
  assert.throws(() => parseFilterPattern("[ip, user]"), /not implemented/);
});
