/** All state lives in the data directory: a new process on the same directory sees it all. */
import assert from "node:assert/strict";
import { startBleephub } from "./mod.ts";
import { ADMIN_TOKEN } from "./test_utils.ts";

Deno.test("a restarted bleephub keeps users, tokens, repos, git data, issues, hooks and rules", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "bleephub-persist-" });
  const start = () => startBleephub({ port: 0, dataDir, adminToken: ADMIN_TOKEN, http: true });
  const call = async (
    origin: string,
    method: string,
    path: string,
    body?: unknown,
    token = ADMIN_TOKEN,
  ) => {
    const res = await fetch(`${origin}/api/v3${path}`, {
      method,
      headers: { authorization: `token ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  try {
    const first = await start();
    const o = first.origin;
    await call(o, "POST", "/admin/users", { login: "kim" });
    const kim =
      (await call(o, "POST", "/admin/users/kim/authorizations", { scopes: ["repo"] })).body.token;
    await call(o, "POST", "/user/repos", { name: "keep", auto_init: true, private: true });
    await call(o, "PUT", "/repos/admin/keep/collaborators/kim", { permission: "push" });
    await call(o, "POST", "/repos/admin/keep/issues", { title: "remember me", labels: ["p1"] });
    await call(o, "POST", "/repos/admin/keep/hooks", {
      config: { url: "http://127.0.0.1:9/" },
      events: ["push"],
    });
    await call(o, "PUT", "/repos/admin/keep/branches/main/protection", {
      required_status_checks: null,
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    const sha = (await call(o, "GET", "/repos/admin/keep/branches/main")).body.commit.sha;
    await first.close();

    const second = await start();
    const p = second.origin;
    try {
      assert.equal((await call(p, "GET", "/user", undefined, kim)).body.login, "kim");
      assert.equal((await call(p, "GET", "/repos/admin/keep", undefined, kim)).status, 200);
      const issue = (await call(p, "GET", "/repos/admin/keep/issues/1")).body;
      assert.equal(issue.title, "remember me");
      assert.deepEqual(issue.labels.map((l: { name: string }) => l.name), ["p1"]);
      assert.equal((await call(p, "GET", "/repos/admin/keep/branches/main")).body.commit.sha, sha);
      assert.equal((await call(p, "GET", "/repos/admin/keep/hooks")).body.length, 1);
      assert.equal(
        (await call(p, "GET", "/repos/admin/keep/branches/main/protection")).status,
        200,
      );
      const next = await call(p, "POST", "/repos/admin/keep/issues", { title: "after restart" });
      assert.equal(next.body.number, 2);
    } finally {
      await second.close();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
