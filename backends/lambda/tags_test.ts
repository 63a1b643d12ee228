import assert from "node:assert/strict";
import { runMarksOf, TAG } from "./tags.ts";

Deno.test("start and stop marks are read back from tags", () => {
  assert.deepEqual(runMarksOf({ [TAG.started]: "10", [TAG.stopped]: "20:137" }), {
    startedAt: 10,
    stopped: { at: 20, exitCode: 137 },
  });
  assert.deepEqual(runMarksOf({}), {});
  assert.deepEqual(runMarksOf({ [TAG.stopped]: "garbled" }), {});
});
