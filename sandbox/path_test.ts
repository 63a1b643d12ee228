import assert from "node:assert/strict";
import { basename, dirname, normalizePath, resolvePath } from "./path.ts";

Deno.test("normalizePath collapses dots and never climbs above the root", () => {
  assert.equal(normalizePath("/a/./b//c/.."), "/a/b");
  assert.equal(normalizePath("/../../etc/passwd"), "/etc/passwd");
  assert.equal(normalizePath("/"), "/");
});

Deno.test("resolvePath joins relative paths to the working directory", () => {
  assert.equal(resolvePath("/home/user", "../root/x"), "/home/root/x");
  assert.equal(resolvePath("/home/user", "/tmp"), "/tmp");
});

Deno.test("dirname and basename split the last component", () => {
  assert.equal(dirname("/a/b/c"), "/a/b");
  assert.equal(dirname("/a"), "/");
  assert.equal(basename("/a/b/c"), "c");
  assert.equal(basename("/"), "");
});
