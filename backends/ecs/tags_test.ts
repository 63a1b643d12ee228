import assert from "node:assert/strict";
import { identityOf, identityTags, TAG } from "./tags.ts";

const identity = {
  id: "a".repeat(64),
  name: "web",
  created: 1700,
  image: "alpine",
  autoRemove: true,
};

Deno.test("ECS tag lists carry the identity; a task marked removed is no container's", () => {
  const tags = identityTags(identity);
  assert.ok(tags.every((t) => typeof t.key === "string" && typeof t.value === "string"));
  assert.deepEqual(identityOf(tags), identity);
  assert.equal(identityOf([...tags, { key: TAG.removed, value: "true" }]), undefined);
  assert.equal(identityOf(undefined), undefined);
});
