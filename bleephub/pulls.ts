/**
 * Pull request rules on top of git: which commits a PR holds, whether it can merge, and the
 * three merge methods (merge commit, squash, rebase) written with git plumbing.
 */
import type { Hub } from "./hub.ts";
import { now, transaction } from "./store/db.ts";
import { repoById, type RepoRow } from "./store/repos.ts";
import type { UserRow } from "./store/users.ts";
import { issueById, type IssueRow } from "./store/issues.ts";
import { GitHubError, validationFailed } from "./errors.ts";
import { gitDirFor } from "./git/storage.ts";
import { diffFiles, mergeBase, readCommit, resolveCommit, revList } from "./git/read.ts";
import { commitTree, mergeTrees, rebaseCommits, updateRef } from "./git/write.ts";
import { emitPush } from "./git/push_events.ts";
import { createIssue, issueEvent, type NewIssue } from "./issues.ts";

/** Head and base commits: live branch tips while open, the recorded ones once closed. */
export async function currentHeads(hub: Hub, pr: IssueRow) {
  const gitDir = gitDirFor(hub.gitRoot, pr.repo_id);
  if (pr.state === "open") {
    const headSha = await resolveCommit(gitDir, `refs/heads/${pr.head_ref}`) ?? pr.head_sha!;
    const baseSha = await resolveCommit(gitDir, `refs/heads/${pr.base_ref}`) ?? pr.base_sha!;
    return { headSha, baseSha };
  }
  return { headSha: pr.head_sha!, baseSha: pr.base_sha! };
}

export interface Mergeability {
  mergeable: boolean;
  stats: { commits: number; additions: number; deletions: number; changedFiles: number };
}

export async function mergeability(hub: Hub, pr: IssueRow): Promise<Mergeability> {
  const gitDir = gitDirFor(hub.gitRoot, pr.repo_id);
  const { headSha, baseSha } = await currentHeads(hub, pr);
  const base = await mergeBase(gitDir, baseSha, headSha);
  const commits = (await revList(gitDir, [`${baseSha}..${headSha}`])).length;
  const files = base ? await diffFiles(gitDir, base, headSha) : [];
  const stats = {
    commits,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changedFiles: files.length,
  };
  const mergeable = base !== undefined &&
    (await mergeTrees(gitDir, baseSha, headSha)) !== undefined;
  return { mergeable, stats };
}

export async function createPull(
  hub: Hub,
  repo: RepoRow,
  actor: UserRow,
  input: Omit<NewIssue, "pull"> & { head: string; base: string; draft?: boolean },
): Promise<IssueRow> {
  const gitDir = gitDirFor(hub.gitRoot, repo.id);
  // "owner:branch" names a branch in a fork; within one repository only the branch matters.
  const head = input.head?.includes(":") ? input.head.split(":")[1] : input.head;
  const headSha = head ? await resolveCommit(gitDir, `refs/heads/${head}`) : undefined;
  const baseSha = input.base ? await resolveCommit(gitDir, `refs/heads/${input.base}`) : undefined;
  if (!headSha) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  if (!baseSha) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  const open = hub.db.prepare(
    "SELECT number FROM issues WHERE repo_id = ? AND is_pull = 1 AND state = 'open' AND head_ref = ? AND base_ref = ?",
  ).get(repo.id, head, input.base) as { number: number } | undefined;
  if (open) {
    throw validationFailed({
      resource: "PullRequest",
      field: "head",
      code: "custom",
      message: `A pull request already exists for ${head}.`,
    });
  }
  if ((await revList(gitDir, [`${baseSha}..${headSha}`], { limit: 1 })).length === 0) {
    throw validationFailed({
      resource: "PullRequest",
      field: "head",
      code: "custom",
      message: `No commits between ${input.base} and ${head}`,
    });
  }
  return await createIssue(hub, repo, actor, {
    ...input,
    pull: { head, headSha, base: input.base, baseSha, draft: input.draft ?? false },
  });
}

export type MergeMethod = "merge" | "squash" | "rebase";

/** Merges an open pull request into its base branch; answers GitHub's 405/409 when it cannot. */
export async function mergePull(
  hub: Hub,
  pr: IssueRow,
  actor: UserRow,
  options: { method?: MergeMethod; title?: string; message?: string; sha?: string },
): Promise<IssueRow> {
  const repo = repoById(hub.db, pr.repo_id)!;
  const method = options.method ?? "merge";
  if (!["merge", "squash", "rebase"].includes(method)) {
    throw validationFailed({ resource: "PullRequest", field: "merge_method", code: "invalid" });
  }
  const allowed = {
    merge: repo.allow_merge_commit,
    squash: repo.allow_squash_merge,
    rebase: repo.allow_rebase_merge,
  };
  if (!allowed[method]) {
    throw new GitHubError(405, `${method} merges are not allowed on this repository.`);
  }
  if (pr.state !== "open") throw new GitHubError(405, "Pull Request is not mergeable");
  if (pr.draft) throw new GitHubError(405, "Pull Request is still a draft");
  const gitDir = gitDirFor(hub.gitRoot, repo.id);
  const { headSha, baseSha } = await currentHeads(hub, pr);
  if (options.sha && options.sha !== headSha) {
    throw new GitHubError(409, "Head branch was modified. Review and try the merge again.");
  }
  const who = {
    name: actor.name ?? actor.login,
    email: actor.email ?? `${actor.login}@users.noreply.bleephub`,
  };
  const head = await readCommit(gitDir, headSha);
  let result: string | undefined;
  if (method === "rebase") {
    const base = await mergeBase(gitDir, baseSha, headSha);
    result = base ? await rebaseCommits(gitDir, baseSha, base, headSha, who) : undefined;
  } else {
    const tree = await mergeTrees(gitDir, baseSha, headSha);
    if (tree) {
      const title = options.title ??
        (method === "squash"
          ? `${pr.title} (#${pr.number})`
          : `Merge pull request #${pr.number} from ${pr.head_ref}`);
      const body = options.message ?? (method === "squash" ? "" : pr.title);
      const message = body ? `${title}\n\n${body}\n` : `${title}\n`;
      const author = method === "squash"
        ? { name: head.author.name, email: head.author.email }
        : who;
      result = await commitTree(
        gitDir,
        tree,
        method === "squash" ? [baseSha] : [baseSha, headSha],
        message,
        author,
        who,
      );
    }
  }
  if (!result) throw new GitHubError(405, "Pull Request is not mergeable");
  if (!(await updateRef(gitDir, `refs/heads/${pr.base_ref}`, result, baseSha))) {
    throw new GitHubError(409, "Base branch was modified. Review and try the merge again.");
  }
  transaction(hub.db, () => {
    const t = now();
    hub.db.prepare(
      `UPDATE issues SET state = 'closed', closed_at = ?, merged_at = ?, merged_by = ?,
         merge_commit_sha = ?, head_sha = ?, base_sha = ?, updated_at = ? WHERE id = ?`,
    ).run(t, t, actor.id, result!, headSha, baseSha, t, pr.id);
  });
  await emitPush(hub, repo, actor, {
    ref: `refs/heads/${pr.base_ref}`,
    before: baseSha,
    after: result,
  });
  const merged = issueById(hub.db, pr.id)!;
  await issueEvent(hub, repo, actor, merged, "closed");
  return merged;
}

/** Records the tips when a PR closes unmerged, so it keeps showing what it held. */
export async function freezeHeads(hub: Hub, pr: IssueRow): Promise<void> {
  const { headSha, baseSha } = await currentHeads(hub, { ...pr, state: "open" });
  hub.db.prepare("UPDATE issues SET head_sha = ?, base_sha = ? WHERE id = ?").run(
    headSha,
    baseSha,
    pr.id,
  );
}
