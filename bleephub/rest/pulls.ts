/** Pull requests: list, create, get, update, files, commits, merge, reviews, review comments. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { pullJson } from "./shape_pull.ts";
import { repoCommitJson } from "./shape_git.ts";
import { simpleUser } from "./shape_repo.ts";
import { GitHubError, notFound, validationFailed } from "../errors.ts";
import { listIssues, requireIssue } from "../store/issues.ts";
import { atLeast, permissionOf } from "../store/repos.ts";
import { updateIssue } from "../issues.ts";
import { createPull, currentHeads, freezeHeads, type MergeMethod, mergePull } from "../pulls.ts";
import { createReview, reviewJson } from "../reviews.ts";
import { gitDirFor } from "../git/storage.ts";
import { git } from "../git/exec.ts";
import { diffFiles, mergeBase, patchFor, readCommit, revList } from "../git/read.ts";
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

export function pullRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/pulls", async (ar) => {
    const repo = repoFor(ar);
    const q = ar.url.searchParams;
    const state = (q.get("state") ?? "open") as "open" | "closed" | "all";
    const head = q.get("head")?.split(":").at(-1);
    const rows = listIssues(ar.hub.db, repo.id, {
      pulls: true,
      state,
      head,
      base: q.get("base") ?? undefined,
    });
    const { page, perPage } = {
      page: Number(q.get("page") ?? 1),
      perPage: Math.min(100, Number(q.get("per_page") ?? 30)),
    };
    const shapes = new Map<number, unknown>();
    for (const pr of rows.slice((page - 1) * perPage, page * perPage)) {
      shapes.set(pr.id, await pullJson(ar.hub, pr));
    }
    return paginated(ar, rows, (pr) => shapes.get(pr.id));
  });
  r.add("POST", "/repos/:owner/:repo/pulls", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const body = await readBody(ar);
    if (body.issue !== undefined) {
      throw new GitHubError(422, "Converting issues to pull requests is not supported by bleephub");
    }
    const pr = await createPull(ar.hub, repo, user, {
      title: field<string>(body, "title", "string", { required: true })!,
      body: field<string>(body, "body", "string", { nullable: true }),
      head: field<string>(body, "head", "string", { required: true })!,
      base: field<string>(body, "base", "string", { required: true })!,
      draft: field<boolean>(body, "draft", "boolean"),
    });
    return json(await pullJson(ar.hub, pr), 201);
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)", async (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    // The diff and patch media types answer with git's own text instead of JSON.
    const accept = ar.req.headers.get("accept") ?? "";
    const media = /application\/vnd\.github(?:\.v3)?\.(diff|patch)/.exec(accept)?.[1];
    if (media) {
      const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
      const { headSha, baseSha } = await currentHeads(ar.hub, pr);
      const base = await mergeBase(gitDir, baseSha, headSha) ?? baseSha;
      const text = media === "diff"
        ? await git(gitDir, ["diff", "--full-index", "-M", base, headSha])
        : await git(gitDir, ["format-patch", "--stdout", `${base}..${headSha}`]);
      return new Response(text ? text + "\n" : "", {
        headers: { "content-type": `application/vnd.github.${media}; charset=utf-8` },
      });
    }
    return json(await pullJson(ar.hub, pr));
  });
  r.add("PATCH", "/repos/:owner/:repo/pulls/:number(\\d+)", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    if (pr.user_id !== user.id && !atLeast(permissionOf(ar.hub.db, repo, user), "triage")) {
      throw new GitHubError(403, "Must have triage access to edit this pull request.");
    }
    const body = await readBody(ar);
    const base = field<string>(body, "base", "string");
    if (base) ar.hub.db.prepare("UPDATE issues SET base_ref = ? WHERE id = ?").run(base, pr.id);
    const state = field<"open" | "closed">(body, "state", "string");
    if (state === "closed" && pr.state === "open") await freezeHeads(ar.hub, pr);
    const updated = await updateIssue(ar.hub, repo, user, pr, {
      title: field<string>(body, "title", "string"),
      body: field<string>(body, "body", "string", { nullable: true }),
      state,
    });
    return json(await pullJson(ar.hub, updated));
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/commits", async (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
    const { headSha, baseSha } = await currentHeads(ar.hub, pr);
    const commits = await Promise.all(
      (await revList(gitDir, [`${baseSha}..${headSha}`], { reverse: true })).map((s) =>
        readCommit(gitDir, s)
      ),
    );
    return paginated(ar, commits, (c) => repoCommitJson(ar.hub, repo, c));
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/files", async (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
    const { headSha, baseSha } = await currentHeads(ar.hub, pr);
    const base = await mergeBase(gitDir, baseSha, headSha);
    const files = base ? await diffFiles(gitDir, base, headSha) : [];
    const withPatch = await Promise.all(files.map(async (f) => ({
      sha: headSha,
      ...f,
      blob_url:
        `${ar.hub.origin}/${ar.params.owner}/${ar.params.repo}/blob/${headSha}/${f.filename}`,
      patch: await patchFor(gitDir, base!, headSha, f.filename),
    })));
    return paginated(ar, withPatch, (f) => f);
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/merge", (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    if (!pr.merged_at) throw notFound();
    return new Response(null, { status: 204 });
  });
  r.add("PUT", "/repos/:owner/:repo/pulls/:number(\\d+)/merge", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const body = await readBody(ar);
    const merged = await mergePull(ar.hub, pr, user, {
      method: field<MergeMethod>(body, "merge_method", "string"),
      title: field<string>(body, "commit_title", "string"),
      message: field<string>(body, "commit_message", "string"),
      sha: field<string>(body, "sha", "string"),
    });
    return json({
      sha: merged.merge_commit_sha,
      merged: true,
      message: "Pull Request successfully merged",
    });
  });

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
