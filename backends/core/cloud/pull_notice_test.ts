import assert from "node:assert/strict";
import { imageRef, pullNotice } from "./pull_notice.ts";

Deno.test("a pull notice completes the reference and streams what the backend says", async () => {
  assert.equal(imageRef("alpine"), "alpine:latest");
  assert.equal(imageRef("alpine:3"), "alpine:3");
  assert.equal(imageRef("alpine@sha256:ab"), "alpine@sha256:ab");
  const seen = await Array.fromAsync(pullNotice("alpine", (ref) => [`not pulled: ${ref}`, "done"]));
  assert.deepEqual(seen, [{ status: "not pulled: alpine:latest" }, { status: "done" }]);
});
