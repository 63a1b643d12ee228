/** Issue comments, locking, assignees and milestones. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { commentJson, issueJson, milestoneJson } from "./shape_issue.ts";
import { simpleUser } from "./shape_repo.ts";
import { GitHubError, notFound, validationFailed } from "../errors.ts";
import { addComment, setLock, updateIssue } from "../issues.ts";
import {
  assigneesOf,
  type CommentRow,
  commentsOf,
  type MilestoneRow,
  requireIssue,
} from "../store/issues.ts";
import { now } from "../store/db.ts";
import { userById, type UserRow } from "../store/users.ts";

function commentIn(ar: Parameters<Handler>[0], repoId: number): CommentRow {
  const c = ar.hub.db.prepare(
    "SELECT c.* FROM comments c JOIN issues i ON i.id = c.issue_id WHERE c.id = ? AND i.repo_id = ?",
  ).get(Number(ar.params.id), repoId) as CommentRow | undefined;
  if (!c) throw notFound();
  return c;
}

export function issueExtraRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/issues/:number(\\d+)/comments", (ar) => {
    const repo = repoFor(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    return paginated(ar, commentsOf(ar.hub.db, issue.id), (c) => commentJson(ar.hub, c));
  });
  r.add("POST", "/repos/:owner/:repo/issues/:number(\\d+)/comments", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    const body = field<string>(await readBody(ar), "body", "string", { required: true })!;
    if (issue.locked && user.id !== repo.owner_id && !user.site_admin) {
      throw new GitHubError(403, "Unable to create comment because issue is locked.");
    }
    return json(commentJson(ar.hub, addComment(ar.hub, repo, user, issue, body)), 201);
  });
  r.add("GET", "/repos/:owner/:repo/issues/comments", (ar) => {
    const repo = repoFor(ar);
    const rows = ar.hub.db.prepare(
      "SELECT c.* FROM comments c JOIN issues i ON i.id = c.issue_id WHERE i.repo_id = ? ORDER BY c.id",
    ).all(repo.id) as unknown as CommentRow[];
    return paginated(ar, rows, (c) => commentJson(ar.hub, c));
  });
  r.add("GET", "/repos/:owner/:repo/issues/comments/:id(\\d+)", (ar) => {
    const repo = repoFor(ar);
    return json(commentJson(ar.hub, commentIn(ar, repo.id)));
  });
  r.add("PATCH", "/repos/:owner/:repo/issues/comments/:id(\\d+)", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const c = commentIn(ar, repo.id);
    if (c.user_id !== user.id) repoFor(ar, "write");
    const body = field<string>(await readBody(ar), "body", "string", { required: true })!;
    ar.hub.db.prepare("UPDATE comments SET body = ?, updated_at = ? WHERE id = ?").run(
      body,
      now(),
      c.id,
    );
    return json(commentJson(ar.hub, { ...c, body }));
  });
  r.add("DELETE", "/repos/:owner/:repo/issues/comments/:id(\\d+)", (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const c = commentIn(ar, repo.id);
    if (c.user_id !== user.id) repoFor(ar, "write");
    ar.hub.db.prepare("DELETE FROM comments WHERE id = ?").run(c.id);
    return noContent();
  });

  r.add("PUT", "/repos/:owner/:repo/issues/:number(\\d+)/lock", async (ar) => {
    const repo = repoFor(ar, "triage");
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    const reason = field<string>(await readBody(ar), "lock_reason", "string") ?? null;
    setLock(ar.hub, issue, true, reason);
    return noContent();
  });
  r.add("DELETE", "/repos/:owner/:repo/issues/:number(\\d+)/lock", (ar) => {
    const repo = repoFor(ar, "triage");
    setLock(ar.hub, requireIssue(ar.hub.db, repo.id, Number(ar.params.number)), false);
    return noContent();
  });

  const assign = (adding: boolean): Handler => async (ar) => {
    const repo = repoFor(ar, "triage");
    const user = requireUser(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    const logins = field<string[]>(await readBody(ar), "assignees", "array") ?? [];
    const have = assigneesOf(ar.hub.db, issue.id).map((id) => userById(ar.hub.db, id)!.login);
    const next = adding
      ? [...new Set([...have, ...logins])]
      : have.filter((l) => !logins.includes(l));
    const updated = await updateIssue(ar.hub, repo, user, issue, { assignees: next });
    return json(issueJson(ar.hub, updated), adding ? 201 : 200);
  };
  r.add("POST", "/repos/:owner/:repo/issues/:number(\\d+)/assignees", assign(true));
  r.add("DELETE", "/repos/:owner/:repo/issues/:number(\\d+)/assignees", assign(false));
  r.add("GET", "/repos/:owner/:repo/assignees", (ar) => {
    const repo = repoFor(ar);
    const rows = ar.hub.db.prepare(
      `SELECT * FROM users WHERE id = ? OR id IN (SELECT user_id FROM collaborators WHERE repo_id = ?)
       ORDER BY login`,
    ).all(repo.owner_id, repo.id) as unknown as UserRow[];
    return paginated(ar, rows.filter((u) => u.type === "User"), (u) => simpleUser(ar.hub, u));
  });

  r.add("GET", "/repos/:owner/:repo/milestones", (ar) => {
    const repo = repoFor(ar);
    const state = ar.url.searchParams.get("state") ?? "open";
    const rows =
      (ar.hub.db.prepare("SELECT * FROM milestones WHERE repo_id = ? ORDER BY number").all(
        repo.id,
      ) as unknown as MilestoneRow[])
        .filter((m) => state === "all" || m.state === state);
    return paginated(ar, rows, (m) => milestoneJson(ar.hub, m));
  });
  r.add("POST", "/repos/:owner/:repo/milestones", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const body = await readBody(ar);
    const title = field<string>(body, "title", "string", { required: true })!;
    if (
      ar.hub.db.prepare("SELECT 1 FROM milestones WHERE repo_id = ? AND title = ?").get(
        repo.id,
        title,
      )
    ) {
      throw validationFailed({ resource: "Milestone", field: "title", code: "already_exists" });
    }
    const number =
      (ar.hub.db.prepare("SELECT coalesce(max(number), 0) + 1 n FROM milestones WHERE repo_id = ?")
        .get(repo.id) as { n: number }).n;
    const t = now();
    const res = ar.hub.db.prepare(
      `INSERT INTO milestones (repo_id, number, title, description, state, due_on, creator_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      repo.id,
      number,
      title,
      field<string>(body, "description", "string") ?? null,
      field<string>(body, "state", "string") ?? "open",
      field<string>(body, "due_on", "string") ?? null,
      user.id,
      t,
      t,
    );
    const m = ar.hub.db.prepare("SELECT * FROM milestones WHERE id = ?").get(
      Number(res.lastInsertRowid),
    ) as unknown as MilestoneRow;
    return json(milestoneJson(ar.hub, m), 201);
  });
  r.add("GET", "/repos/:owner/:repo/milestones/:number(\\d+)", (ar) => {
    const repo = repoFor(ar);
    const m = ar.hub.db.prepare("SELECT * FROM milestones WHERE repo_id = ? AND number = ?").get(
      repo.id,
      Number(ar.params.number),
    ) as MilestoneRow | undefined;
    if (!m) throw notFound();
    return json(milestoneJson(ar.hub, m));
  });
  r.add("PATCH", "/repos/:owner/:repo/milestones/:number(\\d+)", async (ar) => {
    const repo = repoFor(ar, "write");
    const m = ar.hub.db.prepare("SELECT * FROM milestones WHERE repo_id = ? AND number = ?").get(
      repo.id,
      Number(ar.params.number),
    ) as MilestoneRow | undefined;
    if (!m) throw notFound();
    const body = await readBody(ar);
    const state = field<string>(body, "state", "string") ?? m.state;
    if (!["open", "closed"].includes(state)) {
      throw validationFailed({ resource: "Milestone", field: "state", code: "invalid" });
    }
    const t = now();
    ar.hub.db.prepare(
      "UPDATE milestones SET title = ?, description = ?, state = ?, due_on = ?, updated_at = ?, closed_at = ? WHERE id = ?",
    ).run(
      field<string>(body, "title", "string") ?? m.title,
      field<string>(body, "description", "string") ?? m.description,
      state,
      field<string>(body, "due_on", "string") ?? m.due_on,
      t,
      state === "closed" ? (m.closed_at ?? t) : null,
      m.id,
    );
    return json(
      milestoneJson(
        ar.hub,
        ar.hub.db.prepare("SELECT * FROM milestones WHERE id = ?").get(
          m.id,
        ) as unknown as MilestoneRow,
      ),
    );
  });
  r.add("DELETE", "/repos/:owner/:repo/milestones/:number(\\d+)", (ar) => {
    const repo = repoFor(ar, "write");
    const m = ar.hub.db.prepare("SELECT id FROM milestones WHERE repo_id = ? AND number = ?").get(
      repo.id,
      Number(ar.params.number),
    ) as { id: number } | undefined;
    if (!m) throw notFound();
    ar.hub.db.prepare("UPDATE issues SET milestone_id = NULL WHERE milestone_id = ?").run(m.id);
    ar.hub.db.prepare("DELETE FROM milestones WHERE id = ?").run(m.id);
    return noContent();
  });
}
