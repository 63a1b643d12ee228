import assert from "node:assert/strict";
import { familiarString, formatReference, parseReference, withDefaultTag } from "./reference.ts";

const hex = "a".repeat(64);

Deno.test("short names are normalised to docker.io/library and familiar again for display", () => {
  const ref = withDefaultTag(parseReference("alpine"));
  assert.equal(formatReference(ref), "docker.io/library/alpine:latest");
  assert.equal(familiarString(ref), "alpine:latest");
});

Deno.test("user repositories on Docker Hub keep their namespace", () => {
  const ref = parseReference("index.docker.io/user/app:1.0");
  assert.equal(formatReference(ref), "docker.io/user/app:1.0");
  assert.equal(familiarString(ref), "user/app:1.0");
  assert.equal(familiarString(parseReference("docker.io/library/a/b")), "library/a/b");
});

Deno.test("a first component with a dot, a port or localhost is a registry", () => {
  const ref = parseReference(`localhost:5000/x/y@sha256:${hex}`);
  assert.deepEqual(ref, { domain: "localhost:5000", path: "x/y", digest: `sha256:${hex}` });
  assert.equal(familiarString(ref), `localhost:5000/x/y@sha256:${hex}`);
  assert.equal(parseReference("localhost/app").domain, "localhost");
  assert.equal(parseReference("ghcr.io/o/r:t").domain, "ghcr.io");
  assert.equal(parseReference("[::1]:5000/r").domain, "[::1]:5000");
  assert.equal(parseReference("foo/bar").domain, "docker.io");
});

Deno.test("tag and digest together", () => {
  const ref = parseReference(`127.0.0.1:5000/app:v1@sha256:${hex}`);
  assert.equal(ref.tag, "v1");
  assert.equal(ref.digest, `sha256:${hex}`);
  assert.equal(withDefaultTag(ref).tag, "v1");
});

Deno.test("invalid references are rejected with Docker's wording", () => {
  assert.throws(() => parseReference("Alpine"), /must be lowercase/);
  assert.throws(() => parseReference(hex), /cannot specify 64-byte hexadecimal strings/);
  assert.throws(() => parseReference("alpine:bad tag"), /invalid reference format/);
  assert.throws(() => parseReference("alpine@sha256:abc"), /invalid reference format/);
  assert.throws(() => parseReference(""), /invalid reference format/);
  assert.throws(() => parseReference("a//b"), /invalid reference format/);
  assert.throws(() => parseReference("x".repeat(300)), /must not be more than 255/);
  assert.throws(() => parseReference("UPPER"), (e: Error) => e.name === "InvalidParameter");
});
