/** Preconditions shared by handlers: an authenticated caller, a site admin, repo permissions. */
import type { ApiRequest } from "../hub.ts";
import { forbidden, notFound, requiresAuth } from "../errors.ts";
import type { UserRow } from "../store/users.ts";
import {
  atLeast,
  type Permission,
  permissionOf,
  type RepoRow,
  visibleRepo,
} from "../store/repos.ts";
import { requireScope } from "../auth.ts";

export function requireUser(ar: ApiRequest): UserRow {
  if (!ar.viewer) throw requiresAuth();
  return ar.viewer;
}

export function requireSiteAdmin(ar: ApiRequest): UserRow {
  const user = requireUser(ar);
  if (!user.site_admin) throw forbidden("Must have admin rights to use this endpoint.");
  return user;
}

/**
 * The repository named by `:owner/:repo`, checked for `need` permission. Lacking read access is
 * a 404 (GitHub hides private repositories); lacking more is a 403. Writes also need the
 * token's `repo` (or `public_repo`) scope.
 */
export function repoFor(ar: ApiRequest, need: Permission = "read"): RepoRow {
  const repo = visibleRepo(ar.hub.db, ar.params.owner, ar.params.repo, ar.viewer);
  if (need === "read") return repo;
  const user = requireUser(ar);
  const have = permissionOf(ar.hub.db, repo, user);
  if (!atLeast(have, need)) {
    if (have === "none") throw notFound();
    throw forbidden(`Must have ${need} access to repository.`);
  }
  requireScope(ar.scopes, repo.private ? "repo" : "public_repo");
  return repo;
}
