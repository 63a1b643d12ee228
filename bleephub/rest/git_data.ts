/** Branches (and protection), commits and compare. */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { json, paginated } from "./respond.ts";
import { repoFor } from "./guards.ts";
import { GitHubError, notFound } from "../errors.ts";
import type { RepoRow } from "../store/repos.ts";
import { gitDirFor } from "../git/storage.ts";
import {
  branches,
  diffFiles,
  mergeBase,
  patchFor,
  readCommit,
  refs,
  resolveCommit,
  revList,
} from "../git/read.ts";
import { branchJson, repoCommitJson } from "./shape_git.ts";

export const gitDirOf = (ar: ApiRequest, repo: RepoRow) => gitDirFor(ar.hub.gitRoot, repo.id);

/** Whether the branch has any protection (what `protected` shows in branch JSON). */
export function isProtected(ar: ApiRequest, repo: RepoRow, branch: string): boolean {
  return !!ar.hub.db.prepare("SELECT 1 FROM protected_branches WHERE repo_id = ? AND branch = ?")
    .get(repo.id, branch);
}

/** A commit sha for `rev`, or GitHub's 422 "No commit found". */
export async function commitOr404(gitDir: string, rev: string): Promise<string> {
  const sha = await resolveCommit(gitDir, rev);
  if (!sha) throw new GitHubError(422, `No commit found for SHA: ${rev}`);
  return sha;
}

export function gitDataRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/branches", async (ar) => {
    const repo = repoFor(ar);
    const list = await branches(gitDirOf(ar, repo));
    return paginated(
      ar,
      list,
      (b) => branchJson(ar.hub, repo, b.name, b.sha, isProtected(ar, repo, b.name)),
    );
  });
  r.add("GET", "/repos/:owner/:repo/branches/:branch+", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    const sha = await resolveCommit(gitDir, `refs/heads/${ar.params.branch}`);
    if (!sha) throw new GitHubError(404, "Branch not found");
    const c = await readCommit(gitDir, sha);
    return json({
      ...branchJson(ar.hub, repo, ar.params.branch, sha, isProtected(ar, repo, ar.params.branch)),
      commit: repoCommitJson(ar.hub, repo, c),
    });
  });

  r.add("GET", "/repos/:owner/:repo/tags", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    // Annotated tags are peeled to the commit they point at, as GitHub lists them.
    const tags = [];
    for (const [ref] of await refs(gitDir, "refs/tags/")) {
      const sha = await resolveCommit(gitDir, ref);
      if (sha) tags.push({ name: ref.slice("refs/tags/".length), sha });
    }
    tags.sort((a, b) => a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
    const api = `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}`;
    return paginated(ar, tags, (t) => ({
      name: t.name,
      commit: { sha: t.sha, url: `${api}/commits/${t.sha}` },
      zipball_url: `${api}/zipball/refs/tags/${t.name}`,
      tarball_url: `${api}/tarball/refs/tags/${t.name}`,
      node_id: `REF_${btoa(`${repo.id}:refs/tags/${t.name}`).replace(/=+$/, "")}`,
    }));
  });
  r.add("GET", "/repos/:owner/:repo/commits", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    const start = ar.url.searchParams.get("sha") ?? repo.default_branch;
    const head = await resolveCommit(gitDir, start);
    if (!head) {
      if ((await refs(gitDir)).size === 0) throw new GitHubError(409, "Git Repository is empty.");
      throw notFound();
    }
    const shas = await revList(gitDir, [head], {
      path: ar.url.searchParams.get("path") ?? undefined,
    });
    const commits = await Promise.all(shas.slice(0, 1000).map((s) => readCommit(gitDir, s)));
    return paginated(ar, commits, (c) => repoCommitJson(ar.hub, repo, c));
  });
  r.add("GET", "/repos/:owner/:repo/commits/:ref+", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    const sha = await commitOr404(gitDir, ar.params.ref);
    const c = await readCommit(gitDir, sha);
    const files = await diffFiles(
      gitDir,
      c.parents[0] ?? "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      sha,
    );
    return json({
      ...repoCommitJson(ar.hub, repo, c),
      stats: {
        additions: files.reduce((n, f) => n + f.additions, 0),
        deletions: files.reduce((n, f) => n + f.deletions, 0),
        total: files.reduce((n, f) => n + f.changes, 0),
      },
      files,
    });
  });
  r.add("GET", "/repos/:owner/:repo/compare/:basehead+", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    const [baseName, headName] = ar.params.basehead.split("...");
    if (!headName) throw notFound();
    const base = await resolveCommit(gitDir, baseName);
    const head = await resolveCommit(gitDir, headName);
    if (!base || !head) throw notFound();
    const mb = await mergeBase(gitDir, base, head);
    if (!mb) throw notFound();
    const ahead = await revList(gitDir, [`${base}..${head}`], { reverse: true });
    const behind = await revList(gitDir, [`${head}..${base}`]);
    const files = await diffFiles(gitDir, mb, head);
    const status = ahead.length && behind.length
      ? "diverged"
      : ahead.length
      ? "ahead"
      : behind.length
      ? "behind"
      : "identical";
    const withPatch = await Promise.all(
      files.map(async (f) => ({ ...f, patch: await patchFor(gitDir, mb, head, f.filename) })),
    );
    return json({
      url:
        `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/compare/${ar.params.basehead}`,
      html_url:
        `${ar.hub.origin}/${ar.params.owner}/${ar.params.repo}/compare/${ar.params.basehead}`,
      base_commit: repoCommitJson(ar.hub, repo, await readCommit(gitDir, base)),
      merge_base_commit: repoCommitJson(ar.hub, repo, await readCommit(gitDir, mb)),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: await Promise.all(
        ahead.slice(0, 250).map(async (s) =>
          repoCommitJson(ar.hub, repo, await readCommit(gitDir, s))
        ),
      ),
      files: withPatch,
    });
  });
}
