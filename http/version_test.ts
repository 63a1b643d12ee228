import assert from "node:assert/strict";
import { InvalidParameter } from "../backends/core/errors.ts";
import { API_VERSION, compareVersions, splitVersion } from "./version.ts";

Deno.test("splitVersion strips a supported prefix and keeps unversioned paths", () => {
  assert.deepEqual(splitVersion("/v1.41/containers/json"), {
    version: "1.41",
    path: "/containers/json",
  });
  assert.deepEqual(splitVersion("/_ping"), { version: API_VERSION, path: "/_ping" });
});

Deno.test("splitVersion refuses versions outside the supported range with moby's words", () => {
  assert.throws(
    () => splitVersion("/v0.1/info"),
    (e) => e instanceof InvalidParameter && /too old/.test(e.message),
  );
  assert.throws(
    () => splitVersion("/v99.0/info"),
    (e) => e instanceof InvalidParameter && /too new/.test(e.message),
  );
});

Deno.test("compareVersions orders minor versions numerically", () => {
  assert.ok(compareVersions("1.9", "1.24") < 0);
  assert.equal(compareVersions("1.44", "1.44"), 0);
});
