/**
 * bleephub validated by real clients: Debian's `gh` over TLS and `git` over smart HTTP, against
 * bleephub running as its own process. The steps share one server and build on each other; it
 * ends with a `kill -9` and a restart to prove persistence, then (where port 443 can be bound)
 * the commands that need a port-less host.
 */
import { BleephubProcess, clientEnv, freePort, ok, requireTool } from "./bleephub/harness.ts";
import type { Scenario } from "./bleephub/scenario.ts";
import {
  authStatus,
  clonePushPull,
  organisationRepo,
  repoCreateViewList,
  searchPaginateEditDelete,
} from "./bleephub/steps_repos.ts";
import { issueLockDelete, issues, labels } from "./bleephub/steps_issues.ts";
import { draftReadyDeleteBranch, pullRequestEdits, pullRequests } from "./bleephub/steps_pulls.ts";
import {
  apiRestGraphql,
  protectedBranch,
  releases,
  survivesKill9,
} from "./bleephub/steps_platform.ts";
import { insideCloneOn443 } from "./bleephub/steps_port443.ts";

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
    await requireTool("openssl", "openssl");
    const tmp = await Deno.makeTempDir({ prefix: "bleephub-e2e-" });
    const hub = new BleephubProcess(freePort(), `${tmp}/data`, ADMIN_TOKEN);
    await hub.start();
    const env = await clientEnv(hub, ADMIN_TOKEN, tmp);
    const s: Scenario = {
      hub,
      env,
      tmp,
      adminToken: ADMIN_TOKEN,
      R: ["-R", "admin/demo"],
      gh: (...args: string[]) => ok("gh", args, env),
      git: (cwd: string, ...args: string[]) => ok("git", args, env, cwd),
      bobToken: "",
    };
    try {
      await t.step("gh auth status", () => authStatus(s));
      await t.step("gh repo create, view, list", () => repoCreateViewList(s));
      await t.step("gh repo clone, git push and pull", () => clonePushPull(s));
      await t.step("gh label", () => labels(s));
      await t.step("gh issue create, list, view, comment, close, reopen, edit", () => issues(s));
      await t.step("gh pr create, list, view, review, merge", () => pullRequests(s));
      await t.step("gh release create, list, view, download", () => releases(s));
      await t.step(
        "gh pr diff, comment, edit, close, reopen, merge --rebase",
        () => pullRequestEdits(s),
      );
      await t.step(
        "gh search, gh api --paginate, gh repo edit and delete",
        () => searchPaginateEditDelete(s),
      );
      await t.step(
        "an organisation repo: gh repo create ORG/NAME, gh pr checks, gh pr merge --merge",
        () => organisationRepo(s),
      );
      await t.step(
        "gh pr create --draft, ready, review --comment, merge --delete-branch",
        () => draftReadyDeleteBranch(s),
      );
      await t.step("gh issue lock, unlock and delete", () => issueLockDelete(s));
      await t.step("gh api for REST and GraphQL", () => apiRestGraphql(s));
      await t.step(
        "a protected branch rejects a direct push and keeps its ref",
        () => protectedBranch(s),
      );
      await t.step("state survives kill -9 and a restart", () => survivesKill9(s));
      await t.step({
        name: "on port 443: gh pr checkout, gh pr status and gh repo view inside a clone",
        // gh matches git remotes to GH_HOST by host name without the port.
        ignore: !canListen(443),
        fn: () => insideCloneOn443(s),
      });
    } finally {
      await hub.stop();
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
    }
  },
});
