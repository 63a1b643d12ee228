import assert from "node:assert/strict";
import { refUpdates } from "./push_events.ts";

Deno.test("refUpdates reports created, moved and deleted refs", () => {
  const z = "0".repeat(40);
  const before = new Map([["refs/heads/main", "a".repeat(40)], ["refs/heads/old", "b".repeat(40)]]);
  const after = new Map([["refs/heads/main", "c".repeat(40)], ["refs/heads/new", "d".repeat(40)]]);
  assert.deepEqual(refUpdates(before, after), [
    { ref: "refs/heads/main", before: "a".repeat(40), after: "c".repeat(40) },
    { ref: "refs/heads/old", before: "b".repeat(40), after: z },
    { ref: "refs/heads/new", before: z, after: "d".repeat(40) },
  ]);
  assert.deepEqual(refUpdates(before, before), []);
});
