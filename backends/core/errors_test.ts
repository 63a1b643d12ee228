import assert from "node:assert/strict";
import { Conflict, deserializeError, NotFound, serializeError } from "./errors.ts";

Deno.test("typed errors carry moby's status codes", () => {
  assert.equal(new NotFound("No such container: x").status, 404);
  assert.equal(new Conflict("name in use").status, 409);
});

Deno.test("errors survive a round trip through structured clone", () => {
  const copy = structuredClone(serializeError(new Conflict("name in use")));
  const error = deserializeError(copy);
  assert.ok(error instanceof Conflict);
  assert.equal(error.message, "name in use");
  const plain = deserializeError(structuredClone(serializeError(new TypeError("bad"))));
  assert.equal(plain.name, "TypeError");
  assert.ok(!("status" in plain));
});
