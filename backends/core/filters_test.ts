import assert from "node:assert/strict";
import { InvalidParameter } from "./errors.ts";
import { exactMatch, fuzzyMatch, labelsMatch, parseFilters } from "./filters.ts";

Deno.test("parseFilters accepts the list form and the legacy map form", () => {
  assert.deepEqual(parseFilters('{"label":["a=b"]}'), { label: ["a=b"] });
  assert.deepEqual(parseFilters('{"status":{"running":true,"exited":false}}'), {
    status: ["running"],
  });
  assert.deepEqual(parseFilters(null), {});
});

Deno.test("parseFilters rejects malformed input with a 400", () => {
  assert.throws(() => parseFilters("{"), InvalidParameter);
  assert.throws(() => parseFilters("[1]"), InvalidParameter);
  assert.throws(() => parseFilters('{"label":[1]}'), InvalidParameter);
});

Deno.test("matchers follow moby: exact, prefix, all labels", () => {
  const f = { type: ["container"], container: ["abc"], label: ["x", "y=1"] };
  assert.ok(exactMatch(f, "type", "container"));
  assert.ok(!exactMatch(f, "type", "image"));
  assert.ok(exactMatch(f, "missing", undefined));
  assert.ok(fuzzyMatch(f, "container", "abcdef"));
  assert.ok(!fuzzyMatch(f, "container", "xabc"));
  assert.ok(labelsMatch(f, "label", { x: "", y: "1" }));
  assert.ok(!labelsMatch(f, "label", { x: "" }));
});
