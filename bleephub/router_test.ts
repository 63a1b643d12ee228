import assert from "node:assert/strict";
import { Router } from "./router.ts";

Deno.test("router matches method and path, decodes params, HEAD falls back to GET", () => {
  const r = new Router<string>()
    .add("GET", "/repos/:owner/:repo/branches/:branch+/protection", "protection")
    .add("GET", "/repos/:owner/:repo/branches/:branch+", "branch")
    .add("POST", "/repos/:owner/:repo/issues", "create");
  assert.deepEqual(r.match("GET", "/repos/a/b/branches/feat/x/protection"), {
    handler: "protection",
    params: { owner: "a", repo: "b", branch: "feat/x" },
  });
  assert.equal(r.match("GET", "/repos/a/b/branches/feat/x")?.params.branch, "feat/x");
  assert.equal(r.match("HEAD", "/repos/a/b/branches/main")?.handler, "branch");
  assert.equal(r.match("GET", "/repos/a/b/issues"), undefined);
  assert.equal(r.match("POST", "/repos/a%20b/c/issues")?.params.owner, "a b");
});
