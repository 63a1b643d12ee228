/** Branch protection: the REST resource and its effect on API ref updates. */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { json, noContent, readBody } from "./respond.ts";
import { repoFor } from "./guards.ts";
import { GitHubError, validationFailed } from "../errors.ts";
import type { RepoRow } from "../store/repos.ts";
import { atLeast, permissionOf } from "../store/repos.ts";
import {
  blocksDirectUpdates,
  type Protection,
  protectionOf,
  removeProtection,
  setProtection,
} from "../store/protection.ts";
import { gitDirFor } from "../git/storage.ts";
import { resolveCommit } from "../git/read.ts";

function protectionJson(ar: ApiRequest, p: Protection) {
  const url =
    `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/branches/${p.branch}/protection`;
  return {
    url,
    required_status_checks: null,
    ...(p.required_reviews !== null
      ? {
        required_pull_request_reviews: {
          url: `${url}/required_pull_request_reviews`,
          required_approving_review_count: p.required_reviews,
          dismiss_stale_reviews: false,
          require_code_owner_reviews: false,
        },
      }
      : {}),
    enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforce_admins === 1 },
    allow_force_pushes: { enabled: p.allow_force_pushes === 1 },
    allow_deletions: { enabled: p.allow_deletions === 1 },
  };
}

/** Refuses an API update of `branch` that its protection forbids for the caller (422). */
export function checkRefUpdate(ar: ApiRequest, repo: RepoRow, branch: string, deleting: boolean) {
  const p = protectionOf(ar.hub.db, repo.id, branch);
  if (!p) return;
  const isAdmin = ar.viewer !== null && atLeast(permissionOf(ar.hub.db, repo, ar.viewer), "admin");
  if (blocksDirectUpdates(p, isAdmin) || (deleting && !p.allow_deletions)) {
    throw new GitHubError(422, `Protected branch update failed for refs/heads/${branch}.`);
  }
}

function flag(body: Record<string, unknown>, name: string): number {
  const v = body[name];
  if (v === undefined || v === null || v === false) return 0;
  if (v === true) return 1;
  // GitHub's own PUT body uses booleans here; the read shape uses {enabled}.
  if (typeof v === "object" && typeof (v as { enabled?: unknown }).enabled === "boolean") {
    return (v as { enabled: boolean }).enabled ? 1 : 0;
  }
  throw validationFailed({ resource: "Branch", field: name, code: "invalid" });
}

export function branchProtectionRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/branches/:branch+/protection", (ar) => {
    const repo = repoFor(ar, "admin");
    const p = protectionOf(ar.hub.db, repo.id, ar.params.branch);
    if (!p) throw new GitHubError(404, "Branch not protected");
    return json(protectionJson(ar, p));
  });
  r.add("PUT", "/repos/:owner/:repo/branches/:branch+/protection", async (ar) => {
    const repo = repoFor(ar, "admin");
    const body = await readBody(ar);
    for (
      const required of [
        "required_status_checks",
        "enforce_admins",
        "required_pull_request_reviews",
        "restrictions",
      ]
    ) {
      if (!(required in body)) {
        throw new GitHubError(422, `Invalid request.\n\n"${required}" wasn't supplied.`);
      }
    }
    const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
    if (!(await resolveCommit(gitDir, `refs/heads/${ar.params.branch}`))) {
      throw new GitHubError(404, "Branch not found");
    }
    const reviews = body.required_pull_request_reviews as {
      required_approving_review_count?: number;
    } | null;
    if (reviews !== null && typeof reviews !== "object") {
      throw validationFailed({
        resource: "Branch",
        field: "required_pull_request_reviews",
        code: "invalid",
      });
    }
    const p: Protection = {
      repo_id: repo.id,
      branch: ar.params.branch,
      required_reviews: reviews === null
        ? null
        : Number(reviews.required_approving_review_count ?? 1),
      enforce_admins: flag(body, "enforce_admins"),
      allow_force_pushes: flag(body, "allow_force_pushes"),
      allow_deletions: flag(body, "allow_deletions"),
    };
    setProtection(ar.hub.db, p);
    return json(protectionJson(ar, p));
  });
  r.add("DELETE", "/repos/:owner/:repo/branches/:branch+/protection", (ar) => {
    const repo = repoFor(ar, "admin");
    if (!removeProtection(ar.hub.db, repo.id, ar.params.branch)) {
      throw new GitHubError(404, "Branch not protected");
    }
    return noContent();
  });
}
