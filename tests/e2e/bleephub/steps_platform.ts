/** e2e steps for bleephub: releases, gh api, branch protection and persistence. */
import assert from "node:assert/strict";
import { ok, run } from "./harness.ts";
import type { Scenario } from "./scenario.ts";

/** gh release create, list, view, download */
export async function releases(s: Scenario): Promise<void> {
  const { tmp, R, gh, git } = s;
  await Deno.writeTextFile(`${tmp}/asset.txt`, "release asset\n");
  await gh(
    "release",
    "create",
    "v1.0.0",
    ...R,
    "-t",
    "One",
    "-n",
    "First release",
    `${tmp}/asset.txt`,
  );
  assert.match(await gh("release", "list", ...R), /^One\tLatest\tv1\.0\.0\t/m);
  const view = await gh("release", "view", "v1.0.0", ...R);
  assert.match(view, /title:\s+One/);
  assert.match(view, /asset:\s+asset\.txt/);
  await gh("release", "download", "v1.0.0", ...R, "-D", `${tmp}/dl`);
  assert.equal(await Deno.readTextFile(`${tmp}/dl/asset.txt`), "release asset\n");
  await git(`${tmp}/demo`, "fetch", "-q", "--tags");
  assert.equal(await git(`${tmp}/demo`, "tag"), "v1.0.0\n");
}

/** gh api for REST and GraphQL */
export async function apiRestGraphql(s: Scenario): Promise<void> {
  const { env, gh } = s;
  assert.equal(await gh("api", "user", "--jq", ".login"), "admin\n");
  const q =
    'query{repository(owner:"admin",name:"demo"){issues(first:50){totalCount nodes{number title}} pullRequests(states:MERGED,first:5){nodes{number merged}}}}';
  const data = JSON.parse(await gh("api", "graphql", "-f", `query=${q}`)).data.repository;
  assert.deepEqual(data.issues, {
    totalCount: 1,
    nodes: [{ number: 1, title: "Still broken" }],
  });
  assert.deepEqual(data.pullRequests.nodes, [{ number: 2, merged: true }, {
    number: 3,
    merged: true,
  }]);
  const invalid = await run(
    "gh",
    ["api", "graphql", "-f", "query=query{ viewer { nope } }"],
    env,
  );
  assert.notEqual(invalid.code, 0);
  assert.match(invalid.stderr, /Cannot query field "nope" on type "User"/);
  const missing = await run("gh", ["api", "repos/admin/nothing"], env);
  assert.match(missing.stderr, /HTTP 404/);
}

/** a protected branch rejects a direct push and keeps its ref */
export async function protectedBranch(s: Scenario): Promise<void> {
  const { env, tmp, gh, git } = s;
  await ok("sh", [
    "-c",
    `echo '{"required_status_checks":null,"enforce_admins":true,"required_pull_request_reviews":{"required_approving_review_count":1},"restrictions":null}' | gh api -X PUT repos/admin/demo/branches/main/protection --input -`,
  ], env);
  const before = JSON.parse(await gh("api", "repos/admin/demo/branches/main")).commit.sha;
  await Deno.writeTextFile(`${tmp}/demo/direct.txt`, "direct\n");
  await git(`${tmp}/demo`, "add", ".");
  await git(`${tmp}/demo`, "commit", "-q", "-m", "direct push");
  const push = await run("git", ["push", "origin", "main"], env, `${tmp}/demo`);
  assert.notEqual(push.code, 0);
  assert.match(push.stderr, /GH006: Protected branch update failed for refs\/heads\/main/);
  assert.equal(
    JSON.parse(await gh("api", "repos/admin/demo/branches/main")).commit.sha,
    before,
  );
}

/** state survives kill -9 and a restart */
export async function survivesKill9(s: Scenario): Promise<void> {
  const { hub, env, tmp, R, gh, git } = s;
  await hub.kill();
  await hub.start();
  assert.match(await gh("issue", "view", "1", ...R), /title:\s+Still broken/);
  assert.match(await gh("pr", "view", "2", ...R), /state:\s+MERGED/);
  const bob = await ok("gh", ["api", "user", "--jq", ".login"], {
    ...env,
    GH_ENTERPRISE_TOKEN: s.bobToken,
  });
  assert.equal(bob, "bob\n");
  await git(tmp, "clone", "-q", `${hub.origin}/admin/demo.git`, `${tmp}/third`);
  assert.equal(await Deno.readTextFile(`${tmp}/third/feature.txt`), "a feature\n");
}
