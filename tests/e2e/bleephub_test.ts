/**
 * bleephub validated by real clients: Debian's `gh` over TLS and `git` over smart HTTP, against
 * bleephub running as its own process. Ends with a `kill -9` and a restart to prove persistence.
 */
import assert from "node:assert/strict";
import { BleephubProcess, clientEnv, freePort, ok, requireTool, run } from "./bleephub/harness.ts";

const ADMIN_TOKEN = "ghp_e2eAdminToken0000000000000000000000";

function canListen(port: number): boolean {
  try {
    Deno.listen({ hostname: "127.0.0.1", port }).close();
    return true;
  } catch {
    return false;
  }
}

Deno.test({
  name: "bleephub with gh and git",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    await requireTool("gh", "gh");
    await requireTool("git", "git");
    const tmp = await Deno.makeTempDir({ prefix: "bleephub-e2e-" });
    const hub = new BleephubProcess(freePort(), `${tmp}/data`, ADMIN_TOKEN);
    await hub.start();
    const env = await clientEnv(hub, ADMIN_TOKEN, tmp);
    const R = ["-R", "admin/demo"];
    const gh = (...args: string[]) => ok("gh", args, env);
    const git = (cwd: string, ...args: string[]) => ok("git", args, env, cwd);
    try {
      await t.step("gh auth status", async () => {
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
      });

      await t.step("gh repo create, view, list", async () => {
        await gh("repo", "create", "demo", "--public", "--description", "e2e demo");
        const view = await gh("repo", "view", "admin/demo");
        assert.match(view, /name:\s+admin\/demo/);
        assert.match(view, /description:\s+e2e demo/);
        assert.match(await gh("repo", "list"), /admin\/demo\s+e2e demo\s+public/);
        const dup = await run("gh", ["repo", "create", "demo", "--public"], env);
        assert.notEqual(dup.code, 0);
        assert.match(dup.stderr, /name already exists/);
      });

      await t.step("gh repo clone, git push and pull", async () => {
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
      });

      await t.step("gh label", async () => {
        await gh(
          "label",
          "create",
          "bug",
          ...R,
          "--color",
          "d73a4a",
          "--description",
          "Something is broken",
        );
        assert.match(await gh("label", "list", ...R), /bug\s+Something is broken\s+#d73a4a/);
      });

      await t.step("gh issue create, list, view, comment, close, reopen, edit", async () => {
        const url = await gh(
          "issue",
          "create",
          ...R,
          "-t",
          "Broken thing",
          "-b",
          "It is broken",
          "-l",
          "bug",
        );
        assert.match(url, /\/admin\/demo\/issues\/1\n/);
        assert.match(await gh("issue", "list", ...R), /^1\tOPEN\tBroken thing\tbug/m);
        await gh("issue", "comment", "1", ...R, "-b", "me too");
        await gh("issue", "close", "1", ...R);
        assert.equal(
          JSON.parse(await gh("api", "repos/admin/demo/issues/1")).state_reason,
          "completed",
        );
        assert.equal(await gh("issue", "list", ...R), "");
        await gh("issue", "reopen", "1", ...R);
        await gh("issue", "edit", "1", ...R, "--title", "Still broken", "--body", "New body");
        const view = await gh("issue", "view", "1", ...R, "--comments");
        assert.match(view, /me too/);
        const json = JSON.parse(
          await gh("issue", "view", "1", ...R, "--json", "title,body,state,labels"),
        );
        assert.deepEqual(json, {
          title: "Still broken",
          body: "New body",
          state: "OPEN",
          labels: [{
            id: json.labels[0].id,
            name: "bug",
            description: "Something is broken",
            color: "d73a4a",
          }],
        });
      });

      let bobToken = "";
      await t.step("gh pr create, list, view, review, merge", async () => {
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
        bobToken = JSON.parse(
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
          GH_ENTERPRISE_TOKEN: bobToken,
        });
        const reviewed = JSON.parse(await gh("pr", "view", "2", ...R, "--json", "reviewDecision"));
        assert.equal(reviewed.reviewDecision, "APPROVED");
        await gh("pr", "merge", "2", ...R, "--squash");
        assert.match(await gh("pr", "view", "2", ...R), /state:\s+MERGED/);
        await git(`${tmp}/demo`, "checkout", "-q", "main");
        await git(`${tmp}/demo`, "pull", "-q");
        assert.equal(await git(`${tmp}/demo`, "log", "-1", "--format=%s"), "Add feature (#2)\n");
        assert.equal(await Deno.readTextFile(`${tmp}/demo/feature.txt`), "a feature\n");
      });

      await t.step("gh release create, list, view, download", async () => {
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
      });

      await t.step("gh pr diff, comment, edit, close, reopen, merge --rebase", async () => {
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
      });

      await t.step("gh search, gh api --paginate, gh repo edit and delete", async () => {
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
      });

      await t.step(
        "an organisation repo: gh repo create ORG/NAME, gh pr checks, gh pr merge --merge",
        async () => {
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
        },
      );

      await t.step("gh api for REST and GraphQL", async () => {
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
      });

      await t.step("a protected branch rejects a direct push and keeps its ref", async () => {
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
      });

      await t.step("state survives kill -9 and a restart", async () => {
        await hub.kill();
        await hub.start();
        assert.match(await gh("issue", "view", "1", ...R), /title:\s+Still broken/);
        assert.match(await gh("pr", "view", "2", ...R), /state:\s+MERGED/);
        const bob = await ok("gh", ["api", "user", "--jq", ".login"], {
          ...env,
          GH_ENTERPRISE_TOKEN: bobToken,
        });
        assert.equal(bob, "bob\n");
        await git(tmp, "clone", "-q", `${hub.origin}/admin/demo.git`, `${tmp}/third`);
        assert.equal(await Deno.readTextFile(`${tmp}/third/feature.txt`), "a feature\n");
      });

      // gh matches git remotes to GH_HOST by host name without the port, so commands that read
      // the local clone's remotes (pr checkout, pr status, repo view) need bleephub on 443.
      const on443 = canListen(443);
      await t.step({
        name: "on port 443: gh pr checkout, gh pr status and gh repo view inside a clone",
        ignore: !on443,
        async fn() {
          await hub.stop();
          const hub443 = new BleephubProcess(443, hub.dataDir, ADMIN_TOKEN);
          await hub443.start();
          try {
            const env443 = { ...env, GH_HOST: "127.0.0.1" };
            const clone = `${tmp}/clone443`;
            await ok("gh", ["repo", "clone", "admin/demo", clone], env443);
            await ok("git", ["checkout", "-q", "-b", "topic"], env443, clone);
            await Deno.writeTextFile(`${clone}/topic.txt`, "topic\n");
            await ok("git", ["add", "."], env443, clone);
            await ok("git", ["commit", "-q", "-m", "topic"], env443, clone);
            await ok("git", ["push", "-q", "origin", "topic"], env443, clone);
            assert.match(
              await ok("gh", ["pr", "create", "-t", "Topic", "-b", "from a clone"], env443, clone),
              /\/pull\/4\n/,
            );
            await ok("git", ["checkout", "-q", "main"], env443, clone);
            await ok("gh", ["pr", "checkout", "4"], env443, clone);
            assert.equal(await ok("git", ["branch", "--show-current"], env443, clone), "topic\n");
            assert.match(await ok("gh", ["pr", "status"], env443, clone), /#4\s+Topic \[topic\]/);
            assert.match(await ok("gh", ["repo", "view"], env443, clone), /name:\s+admin\/demo/);
          } finally {
            await hub443.stop();
          }
        },
      });
    } finally {
      await hub.stop();
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
    }
  },
});
