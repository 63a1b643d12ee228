/** Branch protection enforced on real git pushes and on the API, with GitHub's admin bypass. */
import assert from "node:assert/strict";
import { ADMIN_TOKEN, startTestHub } from "./test_utils.ts";

Deno.test("protected branches refuse force pushes, deletion and (with reviews) direct pushes", async () => {
  const hub = await startTestHub();
  const work = await Deno.makeTempDir({ prefix: "bleephub-protect-" });
  const git = async (token: string, ...args: string[]) => {
    const auth = `Authorization: Basic ${btoa(`x-access-token:${token}`)}`;
    const out = await new Deno.Command("git", {
      args: [
        "-c",
        `http.extraHeader=${auth}`,
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        ...args,
      ],
      cwd: `${work}/c`,
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
  };
  try {
    await hub.call("POST", "/user/repos", { name: "p", auto_init: true });
    await hub.call("POST", "/admin/users", { login: "mia" });
    const mia =
      (await (await hub.call("POST", "/admin/users/mia/authorizations", { scopes: ["repo"] }))
        .json()).token;
    await hub.call("PUT", "/repos/admin/p/collaborators/mia", { permission: "push" });
    await Deno.mkdir(`${work}/c`);
    assert.equal(
      (await git(ADMIN_TOKEN, "clone", "-q", `${hub.bleephub.origin}/admin/p.git`, ".")).code,
      0,
    );

    // Without required reviews: plain pushes pass, rewriting history and deleting do not.
    const put = await hub.call("PUT", "/repos/admin/p/branches/main/protection", {
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    assert.equal(put.status, 200, await put.text());
    await Deno.writeTextFile(`${work}/c/a.txt`, "a\n");
    await git(mia, "add", ".");
    await git(mia, "commit", "-q", "-m", "a");
    assert.equal((await git(mia, "push", "-q", "origin", "main")).code, 0);
    await git(mia, "commit", "-q", "--amend", "-m", "a, rewritten");
    const force = await git(mia, "push", "-q", "--force", "origin", "main");
    assert.notEqual(force.code, 0);
    assert.match(force.stderr, /Cannot force-push to this protected branch/);
    const del = await git(mia, "push", "-q", "origin", ":main");
    assert.match(del.stderr, /Cannot delete this protected branch/);
    // enforce_admins is off, so the repository admin may force-push.
    assert.equal((await git(ADMIN_TOKEN, "push", "-q", "--force", "origin", "main")).code, 0);

    // With required reviews, even fast-forward pushes must go through a pull request.
    await hub.call("PUT", "/repos/admin/p/branches/main/protection", {
      required_status_checks: null,
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 2 },
      restrictions: null,
    });
    const before =
      (await (await hub.call("GET", "/repos/admin/p/branches/main")).json()).commit.sha;
    await Deno.writeTextFile(`${work}/c/b.txt`, "b\n");
    await git(mia, "add", ".");
    await git(mia, "commit", "-q", "-m", "b");
    const direct = await git(ADMIN_TOKEN, "push", "-q", "origin", "main");
    assert.match(direct.stderr, /GH006: Protected branch update failed for refs\/heads\/main/);
    const api = await hub.call("PUT", "/repos/admin/p/contents/c.txt", {
      message: "c",
      content: btoa("c"),
    });
    assert.equal(api.status, 422);
    assert.equal(
      (await (await hub.call("GET", "/repos/admin/p/branches/main")).json()).commit.sha,
      before,
    );
    const rule = await (await hub.call("POST", "/api/graphql", {
      query:
        '{ repository(owner: "admin", name: "p") { defaultBranchRef { branchProtectionRule { requiredApprovingReviewCount isAdminEnforced } } } }',
    })).json();
    assert.deepEqual(rule.data.repository.defaultBranchRef.branchProtectionRule, {
      requiredApprovingReviewCount: 2,
      isAdminEnforced: true,
    });
  } finally {
    await hub.close();
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test("protection PUT needs GitHub's four required fields", async () => {
  const hub = await startTestHub();
  try {
    await hub.call("POST", "/user/repos", { name: "q", auto_init: true });
    const res = await hub.call("PUT", "/repos/admin/q/branches/main/protection", {
      enforce_admins: true,
    });
    assert.equal(res.status, 422);
    assert.match((await res.json()).message, /"required_status_checks" wasn't supplied/);
    assert.equal((await hub.call("GET", "/repos/admin/q/branches/main/protection")).status, 404);
  } finally {
    await hub.close();
  }
});
