import assert from "node:assert/strict";
import { identityOf, identityTags, runMarksOf, TAG } from "./tags.ts";

const identity = {
  id: "b".repeat(64),
  name: "fn",
  created: 1700,
  image: "alpine",
  autoRemove: false,
};

Deno.test("identity survives a round trip through function tags", () => {
  assert.deepEqual(identityOf(identityTags(identity)), identity);
  const { [TAG.managed]: _m, ...unmanaged } = identityTags(identity);
  assert.equal(identityOf(unmanaged), undefined);
});

Deno.test("start and stop marks are read back from tags", () => {
  assert.deepEqual(runMarksOf({ [TAG.started]: "10", [TAG.stopped]: "20:137" }), {
    startedAt: 10,
    stopped: { at: 20, exitCode: 137 },
  });
  assert.deepEqual(runMarksOf({}), {});
});
