/** e2e steps for bleephub: gh auth, repositories, git transport, search and organisations. */
import assert from "node:assert/strict";
import { run } from "./harness.ts";
import type { Scenario } from "./scenario.ts";

/** gh auth status */
export async function authStatus(s: Scenario): Promise<void> {
  const { hub, env } = s;
  const r = await run("gh", ["auth", "status"], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr + r.stdout,
    new RegExp(`Logged in to 127\\.0\\.0\\.1:${hub.port} as admin`),
  );
  const bad = await run("gh", ["auth", "status"], {
    ...env,
    GH_ENTERPRISE_TOKEN: "ghp_wrong",
  });
  assert.notEqual(bad.code, 0);
  // A token without read:org: gh refuses it, naming the missing scope.
  await s.gh("api", "-X", "POST", "admin/users", "-f", "login=zed");
  const narrow = JSON.parse(
    await s.gh("api", "-X", "POST", "admin/users/zed/authorizations", "-f", "scopes[]=repo"),
  ).token;
  const scoped = await run("gh", ["auth", "status"], { ...env, GH_ENTERPRISE_TOKEN: narrow });
  assert.notEqual(scoped.code, 0);
  assert.match(scoped.stderr + scoped.stdout, /missing required scope 'read:org'/);
}

/** gh repo create, view, list */
export async function repoCreateViewList(s: Scenario): Promise<void> {
  const { env, gh } = s;
  await gh("repo", "create", "demo", "--public", "--description", "e2e demo");
  const view = await gh("repo", "view", "admin/demo");
  assert.match(view, /name:\s+admin\/demo/);
  assert.match(view, /description:\s+e2e demo/);
  assert.match(await gh("repo", "list"), /admin\/demo\s+e2e demo\s+public/);
  const dup = await run("gh", ["repo", "create", "demo", "--public"], env);
  assert.notEqual(dup.code, 0);
  assert.match(dup.stderr, /name already exists/);
}

/** gh repo clone, git push and pull */
export async function clonePushPull(s: Scenario): Promise<void> {
  const { hub, tmp, gh, git } = s;
  await gh("repo", "clone", "admin/demo", `${tmp}/demo`);
  await Deno.writeTextFile(`${tmp}/demo/README.md`, "# demo\n");
  await git(`${tmp}/demo`, "add", "README.md");
  await git(`${tmp}/demo`, "commit", "-q", "-m", "first commit");
  await git(`${tmp}/demo`, "push", "-q", "origin", "HEAD:main");
  const branches = JSON.parse(await gh("api", "repos/admin/demo/branches"));
  assert.deepEqual(branches.map((b: { name: string }) => b.name), ["main"]);
  const readme = await gh(
    "api",
    "repos/admin/demo/readme",
    "-H",
    "Accept: application/vnd.github.raw",
  );
  assert.equal(readme, "# demo\n");
  await git(tmp, "clone", "-q", `${hub.origin}/admin/demo.git`, `${tmp}/second`);
  await Deno.writeTextFile(`${tmp}/second/notes.txt`, "from the second clone\n");
  await git(`${tmp}/second`, "add", ".");
  await git(`${tmp}/second`, "commit", "-q", "-m", "second commit");
  await git(`${tmp}/second`, "push", "-q");
  await git(`${tmp}/demo`, "pull", "-q");
  assert.equal(await Deno.readTextFile(`${tmp}/demo/notes.txt`), "from the second clone\n");
}

/** gh search, gh api --paginate, gh repo edit and delete */
export async function searchPaginateEditDelete(s: Scenario): Promise<void> {
  const { env, gh } = s;
  assert.match(
    await gh("search", "issues", "--repo", "admin/demo", "broken"),
    /^admin\/demo\t1\topen\tStill broken/m,
  );
  assert.match(await gh("search", "repos", "demo"), /^admin\/demo\te2e demo\tpublic/m);
  const numbers = await gh(
    "api",
    "--paginate",
    "repos/admin/demo/issues?state=all&per_page=1",
    "--jq",
    ".[].number",
  );
  assert.equal(numbers, "3\n2\n1\n");
  await gh("repo", "edit", "admin/demo", "--description", "edited by gh");
  assert.equal(await gh("api", "repos/admin/demo", "--jq", ".description"), "edited by gh\n");
  await gh("repo", "create", "scratch", "--private");
  await gh("repo", "delete", "admin/scratch", "--yes");
  assert.match((await run("gh", ["api", "repos/admin/scratch"], env)).stderr, /HTTP 404/);
}

/** an organisation repo: gh repo create ORG/NAME, gh pr checks, gh pr merge --merge */
export async function organisationRepo(s: Scenario): Promise<void> {
  const { env, gh } = s;
  await gh(
    "api",
    "-X",
    "POST",
    "admin/organizations",
    "-f",
    "login=acme",
    "-f",
    "admin=admin",
  );
  await gh("repo", "create", "acme/tool", "--public", "--add-readme");
  const main = (await gh("api", "repos/acme/tool/commits", "--jq", ".[0].sha")).trim();
  await gh(
    "api",
    "repos/acme/tool/git/refs",
    "-f",
    "ref=refs/heads/fix",
    "-f",
    `sha=${main}`,
  );
  const fix = (await gh(
    "api",
    "-X",
    "PUT",
    "repos/acme/tool/contents/fix.txt",
    "-f",
    "message=fix it",
    "-f",
    `content=${btoa("fixed\n")}`,
    "-f",
    "branch=fix",
    "--jq",
    ".commit.sha",
  )).trim();
  await gh(
    "pr",
    "create",
    "-R",
    "acme/tool",
    "--head",
    "fix",
    "--base",
    "main",
    "-t",
    "Fix",
    "-b",
    "x",
  );
  await gh(
    "api",
    `repos/acme/tool/statuses/${fix}`,
    "-f",
    "state=success",
    "-f",
    "context=ci/build",
  );
  await gh(
    "api",
    "repos/acme/tool/check-runs",
    "-f",
    "name=lint",
    "-f",
    `head_sha=${fix}`,
    "-f",
    "status=completed",
    "-f",
    "conclusion=failure",
  );
  const checks = await run("gh", ["pr", "checks", "1", "-R", "acme/tool"], env);
  assert.equal(checks.code, 1, "gh pr checks exits 1 when a check failed");
  assert.match(checks.stdout, /^lint\tfail\t/m);
  assert.match(checks.stdout, /^ci\/build\tpass\t/m);
  await gh("pr", "merge", "1", "-R", "acme/tool", "--merge");
  assert.equal(
    await gh("api", "repos/acme/tool/commits", "--jq", ".[0].parents | length"),
    "2\n",
  );
  const org = JSON.parse(
    await gh(
      "api",
      "graphql",
      "-f",
      'query={organization(login:"acme"){repositories(first:5){nodes{nameWithOwner}}}}',
    ),
  );
  assert.deepEqual(org.data.organization.repositories.nodes, [{
    nameWithOwner: "acme/tool",
  }]);
}
