/** e2e steps for bleephub: pull requests: create, review, merge, edit. */
import assert from "node:assert/strict";
import { ok, run } from "./harness.ts";
import type { Scenario } from "./scenario.ts";

/** gh pr create, list, view, review, merge */
export async function pullRequests(s: Scenario): Promise<void> {
  const { env, tmp, R, gh, git } = s;
  await git(`${tmp}/demo`, "checkout", "-q", "-b", "feature");
  await Deno.writeTextFile(`${tmp}/demo/feature.txt`, "a feature\n");
  await git(`${tmp}/demo`, "add", ".");
  await git(`${tmp}/demo`, "commit", "-q", "-m", "add feature");
  await git(`${tmp}/demo`, "push", "-q", "origin", "feature");
  const url = await gh(
    "pr",
    "create",
    ...R,
    "--head",
    "feature",
    "--base",
    "main",
    "-t",
    "Add feature",
    "-b",
    "Adds it",
  );
  assert.match(url, /\/admin\/demo\/pull\/2\n/);
  assert.match(await gh("pr", "list", ...R), /^2\tAdd feature\tfeature\tOPEN/m);
  const view = JSON.parse(
    await gh(
      "pr",
      "view",
      "2",
      ...R,
      "--json",
      "state,additions,files,headRefName,mergeable",
    ),
  );
  assert.deepEqual(view, {
    state: "OPEN",
    additions: 1,
    files: [{ path: "feature.txt", additions: 1, deletions: 0 }],
    headRefName: "feature",
    mergeable: "MERGEABLE",
  });
  // A second user reviews: GitHub refuses self-approval.
  await gh(
    "api",
    "-X",
    "POST",
    "admin/users",
    "-f",
    "login=bob",
    "-f",
    "email=bob@example.com",
  );
  s.bobToken = JSON.parse(
    await gh(
      "api",
      "-X",
      "POST",
      "admin/users/bob/authorizations",
      "-f",
      "scopes[]=repo",
      "-f",
      "scopes[]=read:org",
    ),
  ).token;
  await gh("api", "-X", "PUT", "repos/admin/demo/collaborators/bob", "-f", "permission=push");
  const self = await run("gh", ["pr", "review", "2", ...R, "--approve"], env);
  assert.notEqual(self.code, 0);
  assert.match(self.stderr, /Can not approve your own pull request/);
  await ok("gh", ["pr", "review", "2", ...R, "--approve", "-b", "looks good"], {
    ...env,
    GH_ENTERPRISE_TOKEN: s.bobToken,
  });
  const reviewed = JSON.parse(await gh("pr", "view", "2", ...R, "--json", "reviewDecision"));
  assert.equal(reviewed.reviewDecision, "APPROVED");
  await gh("pr", "merge", "2", ...R, "--squash");
  assert.match(await gh("pr", "view", "2", ...R), /state:\s+MERGED/);
  await git(`${tmp}/demo`, "checkout", "-q", "main");
  await git(`${tmp}/demo`, "pull", "-q");
  assert.equal(await git(`${tmp}/demo`, "log", "-1", "--format=%s"), "Add feature (#2)\n");
  assert.equal(await Deno.readTextFile(`${tmp}/demo/feature.txt`), "a feature\n");
}

/** gh pr diff, comment, edit, close, reopen, merge --rebase */
export async function pullRequestEdits(s: Scenario): Promise<void> {
  const { tmp, R, gh, git } = s;
  await git(`${tmp}/demo`, "checkout", "-q", "-b", "second");
  await Deno.writeTextFile(`${tmp}/demo/second.txt`, "second line\n");
  await git(`${tmp}/demo`, "add", ".");
  await git(`${tmp}/demo`, "commit", "-q", "-m", "second change");
  await git(`${tmp}/demo`, "push", "-q", "origin", "second");
  await git(`${tmp}/demo`, "checkout", "-q", "main");
  await gh(
    "pr",
    "create",
    ...R,
    "--head",
    "second",
    "--base",
    "main",
    "-t",
    "Second",
    "-b",
    "b",
  );
  assert.match(
    await gh("pr", "diff", "3", ...R),
    /\+\+\+ b\/second\.txt\n@@ -0,0 \+1 @@\n\+second line/,
  );
  assert.match(await gh("pr", "comment", "3", ...R, "-b", "nice"), /#issuecomment-\d+/);
  await gh("pr", "edit", "3", ...R, "--title", "Second, edited", "--add-label", "bug");
  await gh("pr", "close", "3", ...R);
  assert.match(await gh("pr", "view", "3", ...R), /state:\s+CLOSED/);
  await gh("pr", "reopen", "3", ...R);
  await gh("pr", "merge", "3", ...R, "--rebase");
  const pr = JSON.parse(
    await gh("pr", "view", "3", ...R, "--json", "state,title,labels,comments"),
  );
  assert.equal(pr.state, "MERGED");
  assert.equal(pr.title, "Second, edited");
  assert.deepEqual(pr.labels.map((l: { name: string }) => l.name), ["bug"]);
  assert.deepEqual(pr.comments.map((c: { body: string }) => c.body), ["nice"]);
  await git(`${tmp}/demo`, "pull", "-q");
  // A rebase merge replays the commit on main: same message, a single parent.
  assert.equal(
    await git(`${tmp}/demo`, "log", "-1", "--format=%s|%p"),
    `second change|${(await git(`${tmp}/demo`, "rev-parse", "--short", "HEAD~1")).trim()}\n`,
  );
}

/** gh pr create --draft, gh pr ready, gh pr review --comment, gh pr merge --delete-branch */
export async function draftReadyDeleteBranch(s: Scenario): Promise<void> {
  const { gh } = s;
  const T = ["-R", "acme/tool"];
  const main = (await gh("api", "repos/acme/tool/commits", "--jq", ".[0].sha")).trim();
  await gh("api", "repos/acme/tool/git/refs", "-f", "ref=refs/heads/wip", "-f", `sha=${main}`);
  await gh(
    "api",
    "-X",
    "PUT",
    "repos/acme/tool/contents/wip.txt",
    "-f",
    "message=wip",
    "-f",
    `content=${btoa("wip\n")}`,
    "-f",
    "branch=wip",
  );
  await gh(
    "pr",
    "create",
    ...T,
    "--head",
    "wip",
    "--base",
    "main",
    "-t",
    "WIP",
    "-b",
    "x",
    "--draft",
  );
  assert.deepEqual(JSON.parse(await gh("pr", "view", "2", ...T, "--json", "isDraft")), {
    isDraft: true,
  });
  const early = await run("gh", ["pr", "merge", "2", ...T, "--squash"], s.env);
  assert.notEqual(early.code, 0, "a draft cannot be merged");
  await gh("pr", "ready", "2", ...T);
  await gh("pr", "review", "2", ...T, "--comment", "-b", "one thought");
  const pr = JSON.parse(await gh("pr", "view", "2", ...T, "--json", "isDraft,reviews"));
  assert.equal(pr.isDraft, false);
  assert.deepEqual(pr.reviews.map((r: { state: string; body: string }) => [r.state, r.body]), [
    ["COMMENTED", "one thought"],
  ]);
  await gh("pr", "merge", "2", ...T, "--squash", "--delete-branch");
  assert.equal(await gh("api", "repos/acme/tool/branches", "--jq", ".[].name"), "fix\nmain\n");
}
