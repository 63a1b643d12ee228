/** Pull request reviews and review comments. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { simpleUser } from "./shape_repo.ts";
import { notFound, validationFailed } from "../errors.ts";
import { requireIssue } from "../store/issues.ts";
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
    const review = await createReview(
      ar.hub,
      repo,
      user,
      pr,
      event,
      field<string>(body, "body", "string") ?? null,
    );
    for (
      const c of field<{ path: string; body: string; line?: number; side?: string }[]>(
        body,
        "comments",
        "array",
      ) ?? []
    ) {
      insertReviewComment(
        ar,
        pr.id,
        review.id,
        user.id,
        c.path,
        c.body,
        c.line ?? null,
        c.side ?? "RIGHT",
        review.commit_id,
        null,
      );
    }
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
    const { headSha } = await currentHeads(ar.hub, pr);
    const commit = field<string>(body, "commit_id", "string") ?? headSha;
    const c = insertReviewComment(
      ar,
      pr.id,
      null,
      user.id,
      path,
      text,
      line,
      field<string>(body, "side", "string") ?? "RIGHT",
      commit,
      replyTo ?? null,
    );
    return json(reviewCommentJson(ar, c), 201);
  });
}

function insertReviewComment(
  ar: Parameters<Handler>[0],
  issueId: number,
  reviewId: number | null,
  userId: number,
  path: string,
  body: string,
  line: number | null,
  side: string,
  commit: string | null,
  replyTo: number | null,
): ReviewCommentRow {
  const t = now();
  const res = ar.hub.db.prepare(
    `INSERT INTO review_comments (issue_id, review_id, user_id, body, path, line, side, commit_id, in_reply_to, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(issueId, reviewId, userId, body, path, line, side, commit, replyTo, t, t);
  return ar.hub.db.prepare("SELECT * FROM review_comments WHERE id = ?").get(
    Number(res.lastInsertRowid),
  ) as unknown as ReviewCommentRow;
}

function reviewCommentJson(ar: Parameters<Handler>[0], c: ReviewCommentRow) {
  const api = `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}`;
  return {
    id: c.id,
    node_id: `PRRC_${btoa(String(c.id)).replace(/=+$/, "")}`,
    url: `${api}/pulls/comments/${c.id}`,
    pull_request_review_id: c.review_id,
    in_reply_to_id: c.in_reply_to ?? undefined,
    path: c.path,
    line: c.line,
    side: c.side,
    commit_id: c.commit_id,
    original_commit_id: c.commit_id,
    body: c.body,
    user: simpleUser(ar.hub, userById(ar.hub.db, c.user_id)!),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: "OWNER",
  };
}
