import assert from "node:assert/strict";
import { openDatabase } from "./db.ts";
import { createToken, createUser, ensureAdmin, tokenRow } from "./users.ts";

Deno.test("the bootstrap admin token is replaced, not accumulated, across starts", () => {
  const db = openDatabase(":memory:");
  const admin = ensureAdmin(db, "ghp_first");
  assert.equal(admin.login, "admin");
  assert.equal(admin.site_admin, 1);
  assert.equal(ensureAdmin(db, "ghp_second").id, admin.id);
  assert.equal(tokenRow(db, "ghp_first"), undefined);
  assert.equal(tokenRow(db, "ghp_second")?.user_id, admin.id);
  db.close();
});

Deno.test("users: GitHub's login rules and classic PAT format", () => {
  const db = openDatabase(":memory:");
  assert.throws(() => createUser(db, { login: "-bad" }), /Validation Failed/);
  assert.throws(() => createUser(db, { login: "a--b" }), /Validation Failed/);
  const u = createUser(db, { login: "Octo-Cat" });
  assert.throws(() => createUser(db, { login: "octo-cat" }), /Validation Failed/); // case-insensitive
  const t = createToken(db, u.id, ["repo"]);
  assert.match(t.token, /^ghp_[A-Za-z0-9]{36}$/);
  assert.equal(t.scopes, "repo");
  db.close();
});
