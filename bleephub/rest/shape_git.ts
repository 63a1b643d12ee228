/** GitHub's JSON shapes for git data: commits (git and repo flavours), refs, branches. */
import type { Schema } from "./schema.ts";
import { apiBase, type Hub } from "../hub.ts";
import { type RepoRow } from "../store/repos.ts";
import { userById } from "../store/users.ts";
import type { CommitObject } from "../git/read.ts";

function repoApi(hub: Hub, repo: RepoRow) {
  return `${apiBase(hub)}/repos/${userById(hub.db, repo.owner_id)!.login}/${repo.name}`;
}

/** The git commit object (`/git/commits/{sha}`). */
export function commitJson(hub: Hub, repo: RepoRow, c: CommitObject): Schema<"git-commit"> {
  const api = repoApi(hub, repo);
  return {
    sha: c.sha,
    node_id: `C_${btoa(c.sha).replace(/=+$/, "")}`,
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${hub.origin}/${api.split("/repos/")[1]}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message.replace(/\n$/, ""),
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${hub.origin}/${api.split("/repos/")[1]}/commit/${p}`,
    })),
    verification: {
      verified: false,
      reason: "unsigned",
      signature: null,
      payload: null,
      verified_at: null,
    },
  };
}

/** The repository commit (`/commits/{sha}`), wrapping the git commit. */
export function repoCommitJson(hub: Hub, repo: RepoRow, c: CommitObject): Schema<"commit"> {
  const api = repoApi(hub, repo);
  const git = commitJson(hub, repo, c);
  return {
    sha: c.sha,
    node_id: git.node_id,
    url: `${api}/commits/${c.sha}`,
    html_url: git.html_url,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: { ...git, comment_count: 0 },
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}` })),
  };
}

export function refJson(hub: Hub, repo: RepoRow, ref: string, sha: string): Schema<"git-ref"> {
  const api = repoApi(hub, repo);
  return {
    ref,
    node_id: `REF_${btoa(`${repo.id}:${ref}`).replace(/=+$/, "")}`,
    url: `${api}/git/${ref}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}

export function branchJson(
  hub: Hub,
  repo: RepoRow,
  name: string,
  sha: string,
  isProtected: boolean,
): Schema<"short-branch"> {
  const api = repoApi(hub, repo);
  return {
    name,
    commit: { sha, url: `${api}/commits/${sha}` },
    protected: isProtected,
  };
}
