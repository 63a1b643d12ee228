/** Pull request reviews and review comments. */
import type { Schema } from "./schema.ts";
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { simpleUser } from "./shape_repo.ts";
import { notFound, validationFailed } from "../errors.ts";
import { issueById, type IssueRow, requireIssue } from "../store/issues.ts";
import { gitDirFor } from "../git/storage.ts";
import { mergeBase, patchFor } from "../git/read.ts";
import { currentHeads } from "../pulls.ts";
import { createReview, reviewJson } from "../reviews.ts";
import { now } from "../store/db.ts";
import { userById } from "../store/users.ts";
import type { ReviewRow } from "../graphql/pull_details.ts";

interface ReviewCommentRow {
  id: number;
  issue_id: number;
  review_id: number | null;
  user_id: number;
  body: string;
  path: string;
  line: number | null;
  side: string | null;
  commit_id: string | null;
  diff_hunk: string | null;
  in_reply_to: number | null;
  created_at: string;
  updated_at: string;
}

export function pullReviewRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/reviews", (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const rows = ar.hub.db.prepare("SELECT * FROM reviews WHERE issue_id = ? ORDER BY id").all(
      pr.id,
    ) as unknown as ReviewRow[];
    return paginated(ar, rows, (rv) => reviewJson(ar.hub, rv));
  });
  r.add("POST", "/repos/:owner/:repo/pulls/:number(\\d+)/reviews", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const body = await readBody(ar);
    const event = field<string>(body, "event", "string");
    if (!event) {
      throw validationFailed({
        resource: "PullRequestReview",
        field: "event",
        code: "missing_field",
        message: "bleephub does not keep pending reviews: give an event",
      });
    }
    const comments = field<{ path?: unknown; body?: unknown; line?: unknown; side?: unknown }[]>(
      body,
      "comments",
      "array",
    ) ?? [];
    // Every comment is checked against the diff before anything is stored.
    const located = [];
    for (const c of comments) {
      if (typeof c?.path !== "string" || typeof c.body !== "string") {
        throw validationFailed({
          resource: "PullRequestReviewComment",
          field: "comments",
          code: "invalid",
        });
      }
      const line = typeof c.line === "number" ? c.line : null;
      located.push({
        ...(await locateComment(ar, pr, c.path, line, c.side === "LEFT" ? "LEFT" : "RIGHT")),
        body: c.body,
      });
    }
    const review = await createReview(
      ar.hub,
      repo,
      user,
      pr,
      event,
      field<string>(body, "body", "string") ?? null,
    );
    for (const c of located) storeComment(ar, pr, review.id, user.id, c.body, c, null);
    return json(reviewJson(ar.hub, review));
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/comments", (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const rows = ar.hub.db.prepare("SELECT * FROM review_comments WHERE issue_id = ? ORDER BY id")
      .all(pr.id) as unknown as ReviewCommentRow[];
    return paginated(ar, rows, (c) => reviewCommentJson(ar, c));
  });
  r.add("POST", "/repos/:owner/:repo/pulls/:number(\\d+)/comments", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const body = await readBody(ar);
    const text = field<string>(body, "body", "string", { required: true })!;
    const replyTo = field<number>(body, "in_reply_to", "number");
    let path = field<string>(body, "path", "string");
    let line = field<number>(body, "line", "number") ?? null;
    if (replyTo !== undefined) {
      const parent = ar.hub.db.prepare(
        "SELECT * FROM review_comments WHERE id = ? AND issue_id = ?",
      ).get(replyTo, pr.id) as ReviewCommentRow | undefined;
      if (!parent) throw notFound();
      path = parent.path;
      line = parent.line;
    }
    if (!path) {
      throw validationFailed({
        resource: "PullRequestReviewComment",
        field: "path",
        code: "missing_field",
      });
    }
    const side = field<string>(body, "side", "string") === "LEFT" ? "LEFT" : "RIGHT";
    const where = await locateComment(ar, pr, path, line, side);
    const c = storeComment(ar, pr, null, user.id, text, where, replyTo ?? null);
    return json(reviewCommentJson(ar, c), 201);
  });
}

/**
 * The part of the file's diff a line comment points at, the way GitHub stores `diff_hunk`: the
 * hunk header and its lines up to the commented one. A line outside the diff is a 422.
 */
export function diffHunkAt(patch: string, line: number, side: "LEFT" | "RIGHT"): string {
  const lines = patch.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(lines[i]);
    if (!m) continue;
    let left = Number(m[1]);
    let right = Number(m[2]);
    for (let k = i + 1; k < lines.length && !lines[k].startsWith("@@"); k++) {
      const kind = lines[k][0];
      const here = side === "LEFT" ? kind !== "+" && left === line : kind !== "-" && right === line;
      if (here) return lines.slice(i, k + 1).join("\n");
      if (kind !== "+") left++;
      if (kind !== "-") right++;
    }
  }
  throw validationFailed({
    resource: "PullRequestReviewComment",
    field: "line",
    code: "custom",
    message: "pull_request_review_thread.line must be part of the diff",
  });
}

interface CommentPlace {
  path: string;
  line: number | null;
  side: "LEFT" | "RIGHT";
  commit: string;
  hunk: string;
}

/** Finds where a review comment lands in the pull request's diff (422 when it does not). */
async function locateComment(
  ar: Parameters<Handler>[0],
  pr: IssueRow,
  path: string,
  line: number | null,
  side: "LEFT" | "RIGHT",
): Promise<CommentPlace> {
  const gitDir = gitDirFor(ar.hub.gitRoot, pr.repo_id);
  const { headSha, baseSha } = await currentHeads(ar.hub, pr);
  const base = await mergeBase(gitDir, baseSha, headSha) ?? baseSha;
  const patch = await patchFor(gitDir, base, headSha, path);
  if (patch === undefined) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      field: "path",
      code: "invalid",
    });
  }
  return {
    path,
    line,
    side,
    commit: headSha,
    hunk: line === null ? patch : diffHunkAt(patch, line, side),
  };
}

function storeComment(
  ar: Parameters<Handler>[0],
  pr: IssueRow,
  reviewId: number | null,
  userId: number,
  body: string,
  at: CommentPlace,
  replyTo: number | null,
): ReviewCommentRow {
  const t = now();
  const res = ar.hub.db.prepare(
    `INSERT INTO review_comments (issue_id, review_id, user_id, body, path, line, side, commit_id,
       diff_hunk, in_reply_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    pr.id,
    reviewId,
    userId,
    body,
    at.path,
    at.line,
    at.side,
    at.commit,
    at.hunk,
    replyTo,
    t,
    t,
  );
  return ar.hub.db.prepare("SELECT * FROM review_comments WHERE id = ?").get(
    Number(res.lastInsertRowid),
  ) as unknown as ReviewCommentRow;
}

function reviewCommentJson(
  ar: Parameters<Handler>[0],
  c: ReviewCommentRow,
): Schema<"pull-request-review-comment"> {
  const api = `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}`;
  const web = `${ar.hub.origin}/${ar.params.owner}/${ar.params.repo}`;
  const number = issueById(ar.hub.db, c.issue_id)!.number;
  return {
    html_url: `${web}/pull/${number}#discussion_r${c.id}`,
    pull_request_url: `${api}/pulls/${number}`,
    diff_hunk: c.diff_hunk ?? "",
    _links: {
      self: { href: `${api}/pulls/comments/${c.id}` },
      html: { href: `${web}/pull/${number}#discussion_r${c.id}` },
      pull_request: { href: `${api}/pulls/${number}` },
    },
    id: c.id,
    node_id: `PRRC_${btoa(String(c.id)).replace(/=+$/, "")}`,
    url: `${api}/pulls/comments/${c.id}`,
    pull_request_review_id: c.review_id,
    in_reply_to_id: c.in_reply_to ?? undefined,
    path: c.path,
    line: c.line ?? undefined,
    side: c.side === "LEFT" ? "LEFT" : "RIGHT",
    commit_id: c.commit_id ?? "",
    original_commit_id: c.commit_id ?? "",
    body: c.body,
    user: simpleUser(ar.hub, userById(ar.hub.db, c.user_id)!),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: "OWNER",
  };
}
