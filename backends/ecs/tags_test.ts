import assert from "node:assert/strict";
import { identityOf, identityTags, TAG } from "./tags.ts";

const identity = {
  id: "a".repeat(64),
  name: "web",
  created: 1700,
  image: "alpine",
  autoRemove: true,
};

Deno.test("identity survives a round trip through tags", () => {
  assert.deepEqual(identityOf(identityTags(identity)), identity);
});

Deno.test("resources without the managed tag, or marked removed, are not containers", () => {
  const tags = identityTags(identity);
  assert.equal(identityOf(tags.filter((t) => t.key !== TAG.managed)), undefined);
  assert.equal(identityOf([...tags, { key: TAG.removed, value: "true" }]), undefined);
});
