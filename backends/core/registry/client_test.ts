import assert from "node:assert/strict";
import { registryBaseUrl, registryError } from "./client.ts";
import { backoffDelay, isRetryableStatus, sleep } from "./retry.ts";

Deno.test("http only for loopback and insecure registries, Docker Hub's API host for docker.io", () => {
  assert.equal(registryBaseUrl("docker.io"), "https://registry-1.docker.io");
  assert.equal(registryBaseUrl("localhost:5000"), "http://localhost:5000");
  assert.equal(registryBaseUrl("127.0.0.1:5000"), "http://127.0.0.1:5000");
  assert.equal(registryBaseUrl("[::1]:5000"), "http://[::1]:5000");
  assert.equal(registryBaseUrl("ghcr.io"), "https://ghcr.io");
  assert.equal(registryBaseUrl("myreg.lan:5000"), "https://myreg.lan:5000");
  assert.equal(registryBaseUrl("myreg.lan:5000", ["myreg.lan:5000"]), "http://myreg.lan:5000");
  assert.equal(registryBaseUrl("myreg.lan:5000", ["myreg.lan"]), "http://myreg.lan:5000");
});

Deno.test("registry error bodies become Docker's typed errors", async () => {
  const body = JSON.stringify({
    errors: [{ code: "MANIFEST_UNKNOWN", message: "manifest unknown" }],
  });
  const notFound = await registryError(new Response(body, { status: 404 }), "manifest for x:1");
  assert.equal(notFound.name, "NotFound");
  assert.equal(notFound.message, "manifest for x:1 not found: manifest unknown: manifest unknown");
  const denied = await registryError(new Response("no", { status: 403 }), "push");
  assert.equal(denied.name, "Forbidden");
  const broken = await registryError(new Response("oops", { status: 500 }), "blob");
  assert.equal(broken.status, 502);
  assert.match(broken.message, /registry answered 500: oops/);
});

Deno.test("backoff doubles with jitter, honours Retry-After, and sleeping is abortable", async () => {
  assert.ok(isRetryableStatus(503) && isRetryableStatus(429) && !isRetryableStatus(404));
  for (let i = 0; i < 20; i++) {
    const delay = backoffDelay(2, { baseDelayMs: 100 });
    assert.ok(delay >= 200 && delay <= 400, `${delay}`);
  }
  assert.equal(backoffDelay(0, { maxDelayMs: 1000 }, "3"), 1000);
  assert.equal(backoffDelay(0, {}, "1"), 1000);
  const abort = new AbortController();
  const waiting = sleep(60_000, abort.signal);
  abort.abort(new Error("stopped"));
  await assert.rejects(waiting, /stopped/);
});
