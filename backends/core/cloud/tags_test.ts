import assert from "node:assert/strict";
import { IDENTITY_TAG, identityOf, identityTags } from "./tags.ts";

const identity = {
  id: "c".repeat(64),
  name: "web",
  created: 1700,
  image: "alpine",
  autoRemove: true,
};

Deno.test("identity survives a round trip through tags", () => {
  assert.deepEqual(identityOf(identityTags(identity)), identity);
});

Deno.test("a resource without the managed tag or an id is not a container's", () => {
  const { [IDENTITY_TAG.managed]: _m, ...unmanaged } = identityTags(identity);
  assert.equal(identityOf(unmanaged), undefined);
  assert.equal(identityOf({ [IDENTITY_TAG.managed]: "true" }), undefined);
  assert.equal(identityOf(undefined), undefined);
});

Deno.test("missing tags read as Docker would show them", () => {
  assert.deepEqual(
    identityOf({ [IDENTITY_TAG.managed]: "true", [IDENTITY_TAG.id]: "a".repeat(64) }),
    {
      id: "a".repeat(64),
      name: "a".repeat(12),
      created: 0,
      image: "",
      autoRemove: false,
    },
  );
});
