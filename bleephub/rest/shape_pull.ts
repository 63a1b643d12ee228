/** GitHub's JSON shape for pull requests, with head and base read live from git. */
import type { Schema } from "./schema.ts";
import { apiBase, type Hub } from "../hub.ts";
import { userById } from "../store/users.ts";
import { repoById } from "../store/repos.ts";
import type { IssueRow } from "../store/issues.ts";
import { nodeId } from "../graphql/node_id.ts";
import { issueJson, labelJson } from "./shape_issue.ts";
import { labelsOf } from "../store/issues.ts";
import { repositoryJson, simpleUser } from "./shape_repo.ts";
import { currentHeads, mergeability } from "../pulls.ts";

export async function pullJson(hub: Hub, pr: IssueRow): Promise<Schema<"pull-request">> {
  const issue = issueJson(hub, pr);
  const repo = repoById(hub.db, pr.repo_id)!;
  const owner = userById(hub.db, repo.owner_id)!;
  const path = `${owner.login}/${repo.name}`;
  const api = `${apiBase(hub)}/repos/${path}`;
  const { headSha, baseSha } = await currentHeads(hub, pr);
  const m = await mergeability(hub, pr);
  const stats = m.stats;
  const ref = (name: string, sha: string) => ({
    label: `${owner.login}:${name}`,
    ref: name,
    sha,
    user: simpleUser(hub, owner),
    repo: repositoryJson(hub, repo, null),
  });
  const reviewComments = hub.db.prepare("SELECT count(*) n FROM review_comments WHERE issue_id = ?")
    .get(pr.id) as { n: number };
  return {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: nodeId("PullRequest", pr.id),
    html_url: `${hub.origin}/${path}/pull/${pr.number}`,
    diff_url: `${hub.origin}/${path}/pull/${pr.number}.diff`,
    patch_url: `${hub.origin}/${path}/pull/${pr.number}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    commits_url: `${api}/pulls/${pr.number}/commits`,
    review_comments_url: `${api}/pulls/${pr.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    number: pr.number,
    state: pr.state,
    locked: pr.locked === 1,
    title: pr.title,
    user: simpleUser(hub, userById(hub.db, pr.user_id)!),
    body: pr.body,
    labels: labelsOf(hub.db, pr.id).map((l) => labelJson(hub, l)),
    milestone: issue.milestone,
    active_lock_reason: pr.lock_reason,
    created_at: pr.created_at,
    updated_at: pr.updated_at,
    closed_at: pr.closed_at,
    merged_at: pr.merged_at,
    merge_commit_sha: pr.merge_commit_sha,
    assignee: issue.assignee,
    assignees: issue.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: ref(pr.head_ref!, headSha),
    base: ref(pr.base_ref!, baseSha),
    author_association: "OWNER",
    auto_merge: null,
    draft: pr.draft === 1,
    merged: pr.merged_at !== null,
    mergeable: pr.state === "open" ? m.mergeable : null,
    rebaseable: pr.state === "open" ? m.mergeable : null,
    mergeable_state: pr.state === "open" ? (m.mergeable ? "clean" : "dirty") : "unknown",
    merged_by: pr.merged_by ? simpleUser(hub, userById(hub.db, pr.merged_by)!) : null,
    comments: issue.comments,
    review_comments: reviewComments.n,
    maintainer_can_modify: false,
    commits: stats.commits,
    additions: stats.additions,
    deletions: stats.deletions,
    changed_files: stats.changedFiles,
    _links: {
      self: { href: `${api}/pulls/${pr.number}` },
      html: { href: `${hub.origin}/${path}/pull/${pr.number}` },
      issue: { href: `${api}/issues/${pr.number}` },
      comments: { href: `${api}/issues/${pr.number}/comments` },
      review_comments: { href: `${api}/pulls/${pr.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pr.number}/commits` },
      statuses: { href: `${api}/statuses/${headSha}` },
    },
  };
}
