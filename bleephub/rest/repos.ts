/** Repositories: create, get, update, delete, list, plus collaborators and permissions. */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { repoJson, simpleUser } from "./shape_repo.ts";
import { membershipRole, userByLogin, type UserRow } from "../store/users.ts";
import { atLeast, permissionOf, type RepoRow, reposOwnedBy, updateRepo } from "../store/repos.ts";
import { requireScope } from "../auth.ts";
import { forbidden, notFound, validationFailed } from "../errors.ts";
import { createRepository, deleteRepository } from "../repositories.ts";
import { git } from "../git/exec.ts";
import { gitDirFor } from "../git/storage.ts";
import { resolveCommit } from "../git/read.ts";

async function createFor(ar: ApiRequest, owner: UserRow): Promise<Response> {
  const user = requireUser(ar);
  const body = await readBody(ar);
  const isPrivate = field<boolean>(body, "private", "boolean") ??
    (field<string>(body, "visibility", "string") === "private");
  requireScope(ar.scopes, isPrivate ? "repo" : "public_repo");
  const repo = await createRepository(ar.hub, user, owner, {
    name: field<string>(body, "name", "string", { required: true })!,
    description: field<string>(body, "description", "string", { nullable: true }),
    homepage: field<string>(body, "homepage", "string", { nullable: true }),
    private: isPrivate,
    has_issues: field<boolean>(body, "has_issues", "boolean"),
    has_wiki: field<boolean>(body, "has_wiki", "boolean"),
    auto_init: field<boolean>(body, "auto_init", "boolean"),
  });
  return json(repoJson(ar.hub, repo, user), 201);
}

function listed(ar: ApiRequest, rows: RepoRow[]): Response {
  const visibility = ar.url.searchParams.get("visibility") ?? ar.url.searchParams.get("type");
  const filtered = rows.filter((r) =>
    visibility === "private" ? r.private === 1 : visibility === "public" ? r.private === 0 : true
  );
  return paginated(ar, filtered, (r) => repoJson(ar.hub, r, ar.viewer));
}

export function repoRoutes(r: Router<Handler>): void {
  r.add("POST", "/user/repos", (ar) => createFor(ar, requireUser(ar)));
  r.add("POST", "/orgs/:org/repos", (ar) => {
    const user = requireUser(ar);
    const org = userByLogin(ar.hub.db, ar.params.org);
    if (!org || org.type !== "Organization") throw notFound();
    if (!user.site_admin && !membershipRole(ar.hub.db, org.id, user.id)) {
      throw forbidden(
        "You need admin access to the organization before adding a repository to it.",
      );
    }
    return createFor(ar, org);
  });
  r.add("GET", "/user/repos", (ar) => {
    const user = requireUser(ar);
    const rows =
      (ar.hub.db.prepare("SELECT * FROM repos ORDER BY id DESC").all() as unknown as RepoRow[])
        .filter((repo) => {
          const p = permissionOf(ar.hub.db, repo, user);
          return repo.owner_id === user.id ||
            (p !== "none" && (repo.private === 1 || p !== "read"));
        });
    return listed(ar, rows);
  });
  r.add("GET", "/users/:login/repos", (ar) => {
    const owner = userByLogin(ar.hub.db, ar.params.login);
    if (!owner) throw notFound();
    return listed(ar, reposOwnedBy(ar.hub.db, owner, ar.viewer));
  });
  r.add("GET", "/orgs/:login/repos", (ar) => {
    const owner = userByLogin(ar.hub.db, ar.params.login);
    if (!owner || owner.type !== "Organization") throw notFound();
    return listed(ar, reposOwnedBy(ar.hub.db, owner, ar.viewer));
  });
  r.add("GET", "/repositories/:id", (ar) => {
    const row = ar.hub.db.prepare("SELECT * FROM repos WHERE id = ?").get(Number(ar.params.id)) as
      | RepoRow
      | undefined;
    if (!row || permissionOf(ar.hub.db, row, ar.viewer) === "none") throw notFound();
    return json(repoJson(ar.hub, row, ar.viewer));
  });
  r.add("GET", "/repos/:owner/:repo", (ar) => json(repoJson(ar.hub, repoFor(ar), ar.viewer)));
  r.add("PATCH", "/repos/:owner/:repo", async (ar) => {
    const repo = repoFor(ar, "admin");
    const body = await readBody(ar);
    const patch: Record<string, unknown> = {};
    for (const k of ["name", "description", "homepage", "default_branch"]) {
      patch[k] = field(body, k, "string", { nullable: k !== "name" && k !== "default_branch" });
    }
    for (
      const k of [
        "private",
        "has_issues",
        "has_wiki",
        "archived",
        "allow_merge_commit",
        "allow_squash_merge",
        "allow_rebase_merge",
      ]
    ) patch[k] = field(body, k, "boolean");
    const vis = field<string>(body, "visibility", "string");
    if (vis !== undefined) patch.private = vis === "private";
    if (typeof patch.default_branch === "string") {
      const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
      if (!(await resolveCommit(gitDir, `refs/heads/${patch.default_branch}`))) {
        throw validationFailed({
          resource: "Repository",
          field: "default_branch",
          code: "invalid",
        });
      }
      await git(gitDir, ["symbolic-ref", "HEAD", `refs/heads/${patch.default_branch}`]);
    }
    return json(repoJson(ar.hub, updateRepo(ar.hub.db, repo, patch), ar.viewer));
  });
  r.add("DELETE", "/repos/:owner/:repo", async (ar) => {
    const user = requireUser(ar);
    const repo = repoFor(ar, "read");
    if (!atLeast(permissionOf(ar.hub.db, repo, user), "admin")) {
      throw forbidden("Must have admin rights to Repository.");
    }
    requireScope(ar.scopes, "delete_repo");
    await deleteRepository(ar.hub, repo, user);
    return noContent();
  });

  r.add("GET", "/repos/:owner/:repo/collaborators", (ar) => {
    const repo = repoFor(ar, "write");
    const rows = ar.hub.db.prepare(
      `SELECT u.* FROM users u WHERE u.id = ? UNION
       SELECT u.* FROM users u JOIN collaborators c ON c.user_id = u.id WHERE c.repo_id = ?`,
    ).all(repo.owner_id, repo.id) as unknown as UserRow[];
    return paginated(ar, rows, (u) => ({
      ...simpleUser(ar.hub, u),
      role_name: permissionOf(ar.hub.db, repo, u),
    }));
  });
  r.add("PUT", "/repos/:owner/:repo/collaborators/:user", async (ar) => {
    const repo = repoFor(ar, "admin");
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u) throw notFound();
    const body = await readBody(ar);
    const permission = field<string>(body, "permission", "string") ?? "push";
    const mapped = ({ pull: "read", push: "write" } as Record<string, string>)[permission] ??
      permission;
    if (!["read", "triage", "write", "maintain", "admin"].includes(mapped)) {
      throw validationFailed({ resource: "Repository", field: "permission", code: "invalid" });
    }
    ar.hub.db.prepare(
      `INSERT INTO collaborators (repo_id, user_id, permission) VALUES (?, ?, ?)
       ON CONFLICT (repo_id, user_id) DO UPDATE SET permission = excluded.permission`,
    ).run(repo.id, u.id, mapped);
    return noContent();
  });
  r.add("DELETE", "/repos/:owner/:repo/collaborators/:user", (ar) => {
    const repo = repoFor(ar, "admin");
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u) throw notFound();
    ar.hub.db.prepare("DELETE FROM collaborators WHERE repo_id = ? AND user_id = ?").run(
      repo.id,
      u.id,
    );
    return noContent();
  });
  r.add("GET", "/repos/:owner/:repo/collaborators/:user/permission", (ar) => {
    const repo = repoFor(ar);
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u) throw notFound();
    const p = permissionOf(ar.hub.db, repo, u);
    const legacy = ({ maintain: "write", triage: "read" } as Record<string, string>)[p] ?? p;
    return json({ permission: legacy, role_name: p, user: simpleUser(ar.hub, u) });
  });
}
