import assert from "node:assert/strict";
import { parseSearch } from "./search.ts";

Deno.test("search queries split into qualifiers and free text", () => {
  assert.deepEqual(
    parseSearch('broken repo:admin/demo is:open label:"needs triage" -label:wontfix'),
    {
      terms: ["broken"],
      qualifiers: [["repo", "admin/demo"], ["is", "open"], ["label", "needs triage"], [
        "-label",
        "wontfix",
      ]],
    },
  );
  assert.deepEqual(parseSearch('"two words" plain').terms, ["two words", "plain"]);
});
