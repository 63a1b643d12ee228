/** Pull request reviews: approve, request changes or comment, with GitHub's own-PR rule. */
import type { Schema } from "./rest/schema.ts";
import { apiBase, type Hub } from "./hub.ts";
import { repoPath } from "./rest/shape_issue.ts";
import type { RepoRow } from "./store/repos.ts";
import type { UserRow } from "./store/users.ts";
import type { IssueRow } from "./store/issues.ts";
import { now } from "./store/db.ts";
import { validationFailed } from "./errors.ts";
import { currentHeads } from "./pulls.ts";
import { emit } from "./webhooks.ts";
import { repoJson, simpleUser } from "./rest/shape_repo.ts";
import { pullJson } from "./rest/shape_pull.ts";
import type { ReviewRow } from "./graphql/pull_details.ts";

const EVENTS: Record<string, string> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

export async function createReview(
  hub: Hub,
  repo: RepoRow,
  actor: UserRow,
  pr: IssueRow,
  event: string,
  body: string | null,
): Promise<ReviewRow> {
  const state = EVENTS[event];
  if (!state) {
    throw validationFailed({ resource: "PullRequestReview", field: "event", code: "invalid" });
  }
  if (pr.user_id === actor.id && state !== "COMMENTED") {
    const what = state === "APPROVED" ? "approve" : "request changes on";
    throw validationFailed({
      resource: "PullRequestReview",
      field: "event",
      code: "custom",
      message: `Can not ${what} your own pull request`,
    });
  }
  if (state !== "APPROVED" && !body?.trim()) {
    throw validationFailed({ resource: "PullRequestReview", field: "body", code: "missing_field" });
  }
  const { headSha } = await currentHeads(hub, pr);
  const r = hub.db.prepare(
    `INSERT INTO reviews (issue_id, user_id, state, body, commit_id, submitted_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(pr.id, actor.id, state, body ?? "", headSha, now());
  const review = hub.db.prepare("SELECT * FROM reviews WHERE id = ?").get(
    Number(r.lastInsertRowid),
  ) as unknown as ReviewRow;
  emit(hub, repo, "pull_request_review", {
    action: "submitted",
    review: reviewJson(hub, review),
    pull_request: await pullJson(hub, pr),
    repository: repoJson(hub, repo, actor),
    sender: simpleUser(hub, actor),
  });
  return review;
}

export function reviewJson(hub: Hub, r: ReviewRow): Schema<"pull-request-review"> {
  const user = hub.db.prepare("SELECT * FROM users WHERE id = ?").get(
    r.user_id,
  ) as unknown as UserRow;
  const pr = hub.db.prepare("SELECT repo_id, number FROM issues WHERE id = ?").get(r.issue_id) as {
    repo_id: number;
    number: number;
  };
  const path = repoPath(hub, pr.repo_id);
  const html = `${hub.origin}/${path}/pull/${pr.number}#pullrequestreview-${r.id}`;
  const prUrl = `${apiBase(hub)}/repos/${path}/pulls/${pr.number}`;
  return {
    html_url: html,
    pull_request_url: prUrl,
    _links: { html: { href: html }, pull_request: { href: prUrl } },
    id: r.id,
    node_id: `PRR_${btoa(String(r.id)).replace(/=+$/, "")}`,
    user: simpleUser(hub, user),
    body: r.body ?? "",
    state: r.state,
    commit_id: r.commit_id,
    submitted_at: r.submitted_at,
    author_association: "OWNER",
  };
}
