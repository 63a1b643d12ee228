/** Bad input gets GitHub's status codes and error shapes, and changes nothing. */
import assert from "node:assert/strict";
import { ADMIN_TOKEN, startTestHub } from "./test_utils.ts";

Deno.test("bad input: GitHub's answers and no state change", async (t) => {
  const hub = await startTestHub();
  try {
    assert.equal(
      (await hub.call("POST", "/user/repos", { name: "r", auto_init: true })).status,
      201,
    );
    const issueCount = async () =>
      (await (await hub.call("GET", "/repos/admin/r/issues?state=all")).json()).length;

    await t.step("malformed JSON is 400 Problems parsing JSON", async () => {
      const res = await hub.call("POST", "/repos/admin/r/issues", "{not json");
      assert.equal(res.status, 400);
      assert.equal((await res.json()).message, "Problems parsing JSON");
      assert.equal(await issueCount(), 0);
    });

    await t.step("a field of the wrong type is 422 naming the property", async () => {
      const res = await hub.call("POST", "/repos/admin/r/issues", { title: 42 });
      assert.equal(res.status, 422);
      assert.match((await res.json()).message, /For 'properties\/title', 42 is not a string/);
      assert.equal(await issueCount(), 0);
    });

    await t.step("validation failures carry errors[]", async () => {
      const res = await hub.call("POST", "/repos/admin/r/labels", { name: "x", color: "zzz" });
      assert.equal(res.status, 422);
      const body = await res.json();
      assert.equal(body.message, "Validation Failed");
      assert.deepEqual(body.errors, [{ resource: "Label", field: "color", code: "invalid" }]);
      assert.deepEqual(await (await hub.call("GET", "/repos/admin/r/labels")).json(), []);
    });

    await t.step("authentication: 401 for a bad token and for anonymous /user", async () => {
      const bad = await hub.call("GET", "/user", undefined, "ghp_nope");
      assert.equal(bad.status, 401);
      assert.equal((await bad.json()).message, "Bad credentials");
      assert.equal((await hub.call("GET", "/user", undefined, null)).status, 401);
    });

    // A second user with a read-only token.
    await hub.call("POST", "/admin/users", { login: "eve" });
    const eve =
      (await (await hub.call("POST", "/admin/users/eve/authorizations", { scopes: ["read:org"] }))
        .json()).token;

    await t.step("a private repository is 404 to others, even by GraphQL", async () => {
      await hub.call("POST", "/user/repos", { name: "secret", private: true });
      assert.equal((await hub.call("GET", "/repos/admin/secret", undefined, eve)).status, 404);
      assert.equal((await hub.call("GET", "/repos/admin/secret", undefined, null)).status, 404);
      const res = await hub.call("POST", "/api/graphql", {
        query: '{ repository(owner: "admin", name: "secret") { id } }',
      }, eve);
      const body = await res.json();
      assert.equal(body.errors[0].type, "NOT_FOUND");
    });

    await t.step("a token without the scope is 403 and writes nothing", async () => {
      await hub.call("PUT", "/repos/admin/r/collaborators/eve", { permission: "push" });
      const res = await hub.call(
        "POST",
        "/repos/admin/r/labels",
        { name: "x", color: "ffffff" },
        eve,
      );
      assert.equal(res.status, 403);
      assert.equal(res.headers.get("x-accepted-oauth-scopes"), "public_repo");
      assert.match((await res.json()).message, /required scopes/);
      assert.deepEqual(await (await hub.call("GET", "/repos/admin/r/labels")).json(), []);
      const del = await hub.call("DELETE", "/repos/admin/r");
      assert.equal(del.status, 204, "the admin token has delete_repo");
    });

    await t.step("invalid GraphQL: 200 with errors and no data, like GitHub", async () => {
      const res = await hub.call("POST", "/api/graphql", { query: "query {" });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.data, undefined);
      assert.match(body.errors[0].message, /Syntax Error/);
      const anon = await hub.call("POST", "/api/graphql", { query: "{ viewer { login } }" }, null);
      assert.equal(anon.status, 401);
    });

    await t.step("an unsupported X-GitHub-Api-Version is 400", async () => {
      const res = await fetch(`${hub.api}/user`, {
        headers: { authorization: `token ${ADMIN_TOKEN}`, "x-github-api-version": "2020-01-01" },
      });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).message, "API version 2020-01-01 is not supported.");
    });

    await t.step("unknown routes are 404 with GitHub's body", async () => {
      const res = await hub.call("GET", "/nope");
      assert.equal(res.status, 404);
      assert.equal((await res.json()).message, "Not Found");
    });

    await t.step("responses carry GitHub's headers", async () => {
      const res = await hub.call("GET", "/user");
      await res.body?.cancel();
      assert.match(res.headers.get("x-github-request-id") ?? "", /^[0-9A-F-]{36}$/);
      assert.equal(res.headers.get("x-ratelimit-limit"), "5000");
      assert.ok(Number(res.headers.get("x-ratelimit-remaining")) < 5000);
      assert.match(res.headers.get("x-oauth-scopes") ?? "", /\brepo\b/);
      assert.equal(res.headers.get("x-github-api-version"), "2022-11-28");
    });
  } finally {
    await hub.close();
  }
});

Deno.test("rate_limit reports the budget other calls spent, without spending it", async () => {
  const hub = await startTestHub();
  try {
    for (let i = 0; i < 3; i++) await (await hub.call("GET", "/user")).body?.cancel();
    const first = await (await hub.call("GET", "/rate_limit")).json();
    const second = await (await hub.call("GET", "/rate_limit")).json();
    assert.equal(first.resources.core.used, 3);
    assert.equal(first.resources.core.remaining, 4997);
    assert.deepEqual(second.resources.core, first.resources.core);
    const anon = await (await hub.call("GET", "/rate_limit", undefined, null)).json();
    assert.equal(anon.rate.limit, 60);
  } finally {
    await hub.close();
  }
});

Deno.test("git data endpoints never pass option-like input to git", async () => {
  const hub = await startTestHub();
  try {
    await hub.call("POST", "/user/repos", { name: "g", auto_init: true });
    const commit = await hub.call("POST", "/repos/admin/g/git/commits", {
      message: "m",
      tree: "--help",
      parents: [],
    });
    assert.equal(commit.status, 422);
    await commit.body?.cancel();
    const tree = await hub.call("GET", "/repos/admin/g/git/trees/--full-tree");
    assert.equal(tree.status, 404);
    await tree.body?.cancel();
    const list = await hub.call("GET", "/repos/admin/g/commits?sha=--all");
    assert.equal(list.status, 404);
    await list.body?.cancel();
  } finally {
    await hub.close();
  }
});
