/**
 * Issue (and pull request conversation) changes shared by REST and GraphQL: each validates,
 * writes in one transaction and then fires the webhook GitHub would (`issues`,
 * `pull_request`, `issue_comment`).
 */
import type { Hub } from "./hub.ts";
import { now, transaction } from "./store/db.ts";
import type { RepoRow } from "./store/repos.ts";
import { userByLogin, type UserRow } from "./store/users.ts";
import {
  type CommentRow,
  issueById,
  type IssueRow,
  labelByName,
  nextNumber,
  touchIssue,
} from "./store/issues.ts";
import { validationFailed } from "./errors.ts";
import { emit } from "./webhooks.ts";
import { repoJson, simpleUser } from "./rest/shape_repo.ts";
import { commentJson, issueJson } from "./rest/shape_issue.ts";
import { pullJson } from "./rest/shape_pull.ts";

export interface IssueChanges {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  state_reason?: "completed" | "not_planned" | "reopened" | null;
  labels?: string[];
  assignees?: string[];
  milestone?: number | null;
}

export async function issueEvent(
  hub: Hub,
  repo: RepoRow,
  actor: UserRow,
  issue: IssueRow,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const fresh = issueById(hub.db, issue.id)!;
  const base = {
    action,
    repository: repoJson(hub, repo, actor),
    sender: simpleUser(hub, actor),
    ...extra,
  };
  if (fresh.is_pull) {
    emit(hub, repo, "pull_request", {
      ...base,
      number: fresh.number,
      pull_request: await pullJson(hub, fresh),
    });
  } else {
    emit(hub, repo, "issues", { ...base, issue: issueJson(hub, fresh) });
  }
}

function setLabels(hub: Hub, repo: RepoRow, issueId: number, names: string[]): void {
  hub.db.prepare("DELETE FROM issue_labels WHERE issue_id = ?").run(issueId);
  addLabels(hub, repo, issueId, names);
}

/** Adds labels by name; like GitHub's REST API, unknown names create the label. */
export function addLabels(hub: Hub, repo: RepoRow, issueId: number, names: string[]): void {
  for (const name of names) {
    if (typeof name !== "string" || !name.trim()) {
      throw validationFailed({ resource: "Label", field: "name", code: "invalid" });
    }
    let label = labelByName(hub.db, repo.id, name);
    if (!label) {
      hub.db.prepare("INSERT INTO labels (repo_id, name, color) VALUES (?, ?, 'ededed')")
        .run(repo.id, name);
      label = labelByName(hub.db, repo.id, name)!;
    }
    hub.db.prepare("INSERT OR IGNORE INTO issue_labels (issue_id, label_id) VALUES (?, ?)")
      .run(issueId, label.id);
  }
}

function setAssignees(hub: Hub, issueId: number, logins: string[]): void {
  const users = logins.map((login) => {
    const u = typeof login === "string" ? userByLogin(hub.db, login) : undefined;
    if (!u) {
      throw validationFailed({
        resource: "Issue",
        field: "assignees",
        code: "invalid",
        message: `${login} not found`,
      });
    }
    return u;
  });
  hub.db.prepare("DELETE FROM issue_assignees WHERE issue_id = ?").run(issueId);
  for (const u of users) {
    hub.db.prepare("INSERT OR IGNORE INTO issue_assignees (issue_id, user_id) VALUES (?, ?)")
      .run(issueId, u.id);
  }
}

function milestoneId(hub: Hub, repo: RepoRow, number: number | null): number | null {
  if (number === null) return null;
  const row = hub.db.prepare("SELECT id FROM milestones WHERE repo_id = ? AND number = ?")
    .get(repo.id, number) as { id: number } | undefined;
  if (!row) throw validationFailed({ resource: "Issue", field: "milestone", code: "invalid" });
  return row.id;
}

export interface NewIssue extends IssueChanges {
  title: string;
  pull?: { head: string; headSha: string; base: string; baseSha: string; draft: boolean };
}

export async function createIssue(
  hub: Hub,
  repo: RepoRow,
  actor: UserRow,
  input: NewIssue,
): Promise<IssueRow> {
  if (typeof input.title !== "string" || !input.title.trim()) {
    throw validationFailed({
      resource: input.pull ? "PullRequest" : "Issue",
      field: "title",
      code: "missing_field",
    });
  }
  const issue = transaction(hub.db, () => {
    const t = now();
    const p = input.pull;
    const r = hub.db.prepare(
      `INSERT INTO issues (repo_id, number, title, body, user_id, milestone_id, is_pull, head_ref,
         head_sha, base_ref, base_sha, draft, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      repo.id,
      nextNumber(hub.db, repo.id),
      input.title,
      input.body ?? null,
      actor.id,
      input.milestone === undefined ? null : milestoneId(hub, repo, input.milestone),
      p ? 1 : 0,
      p?.head ?? null,
      p?.headSha ?? null,
      p?.base ?? null,
      p?.baseSha ?? null,
      p?.draft ? 1 : 0,
      t,
      t,
    );
    const id = Number(r.lastInsertRowid);
    if (input.labels) setLabels(hub, repo, id, input.labels);
    if (input.assignees) setAssignees(hub, id, input.assignees);
    return issueById(hub.db, id)!;
  });
  await issueEvent(hub, repo, actor, issue, "opened");
  return issue;
}

export async function updateIssue(
  hub: Hub,
  repo: RepoRow,
  actor: UserRow,
  issue: IssueRow,
  changes: IssueChanges,
): Promise<IssueRow> {
  if (changes.title !== undefined && !String(changes.title).trim()) {
    throw validationFailed({ resource: "Issue", field: "title", code: "missing_field" });
  }
  if (changes.state !== undefined && !["open", "closed"].includes(changes.state)) {
    throw validationFailed({ resource: "Issue", field: "state", code: "invalid" });
  }
  const reason = changes.state_reason;
  if (reason != null && !["completed", "not_planned", "reopened"].includes(reason)) {
    throw validationFailed({ resource: "Issue", field: "state_reason", code: "invalid" });
  }
  if (issue.merged_at && changes.state === "open") {
    throw validationFailed({
      resource: "PullRequest",
      field: "state",
      code: "custom",
      message: "cannot reopen a merged pull request",
    });
  }
  const stateChanged = changes.state !== undefined && changes.state !== issue.state;
  transaction(hub.db, () => {
    const t = now();
    if (changes.title !== undefined) {
      hub.db.prepare("UPDATE issues SET title = ? WHERE id = ?").run(changes.title, issue.id);
    }
    if (changes.body !== undefined) {
      hub.db.prepare("UPDATE issues SET body = ? WHERE id = ?").run(changes.body, issue.id);
    }
    if (stateChanged) {
      const closed = changes.state === "closed";
      hub.db.prepare(
        "UPDATE issues SET state = ?, state_reason = ?, closed_at = ? WHERE id = ?",
      ).run(
        changes.state!,
        closed ? (reason ?? "completed") : "reopened",
        closed ? t : null,
        issue.id,
      );
    } else if (reason !== undefined) {
      hub.db.prepare("UPDATE issues SET state_reason = ? WHERE id = ?").run(reason, issue.id);
    }
    if (changes.milestone !== undefined) {
      hub.db.prepare("UPDATE issues SET milestone_id = ? WHERE id = ?")
        .run(milestoneId(hub, repo, changes.milestone), issue.id);
    }
    if (changes.labels !== undefined) setLabels(hub, repo, issue.id, changes.labels);
    if (changes.assignees !== undefined) setAssignees(hub, issue.id, changes.assignees);
    touchIssue(hub.db, issue.id);
  });
  if (stateChanged) {
    await issueEvent(hub, repo, actor, issue, changes.state === "closed" ? "closed" : "reopened");
  } else {
    await issueEvent(hub, repo, actor, issue, "edited");
  }
  return issueById(hub.db, issue.id)!;
}

export function addComment(
  hub: Hub,
  repo: RepoRow,
  actor: UserRow,
  issue: IssueRow,
  body: string,
): CommentRow {
  if (typeof body !== "string" || !body.trim()) {
    throw validationFailed({ resource: "IssueComment", field: "body", code: "missing_field" });
  }
  const comment = transaction(hub.db, () => {
    const t = now();
    const r = hub.db.prepare(
      "INSERT INTO comments (issue_id, user_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    ).run(issue.id, actor.id, body, t, t);
    touchIssue(hub.db, issue.id);
    return hub.db.prepare("SELECT * FROM comments WHERE id = ?").get(
      Number(r.lastInsertRowid),
    ) as unknown as CommentRow;
  });
  emit(hub, repo, "issue_comment", {
    action: "created",
    issue: issueJson(hub, issueById(hub.db, issue.id)!),
    comment: commentJson(hub, comment),
    repository: repoJson(hub, repo, actor),
    sender: simpleUser(hub, actor),
  });
  return comment;
}

export function setLock(
  hub: Hub,
  issue: IssueRow,
  locked: boolean,
  reason: string | null = null,
): void {
  if (reason !== null && !["off-topic", "too heated", "resolved", "spam"].includes(reason)) {
    throw validationFailed({ resource: "Issue", field: "lock_reason", code: "invalid" });
  }
  hub.db.prepare("UPDATE issues SET locked = ?, lock_reason = ?, updated_at = ? WHERE id = ?")
    .run(locked ? 1 : 0, locked ? reason : null, now(), issue.id);
}

/** Deletes an issue and what hangs off it; GitHub keeps the number used. */
export function deleteIssue(hub: Hub, repo: RepoRow, actor: UserRow, issue: IssueRow): void {
  const payload = {
    action: "deleted",
    issue: issueJson(hub, issue),
    repository: repoJson(hub, repo, actor),
    sender: simpleUser(hub, actor),
  };
  transaction(hub.db, () => {
    for (const table of ["comments", "issue_labels", "issue_assignees"]) {
      hub.db.prepare(`DELETE FROM ${table} WHERE issue_id = ?`).run(issue.id);
    }
    // The number stays taken: nextNumber also looks at deleted numbers.
    hub.db.prepare("INSERT INTO deleted_issue_numbers (repo_id, number) VALUES (?, ?)")
      .run(repo.id, issue.number);
    hub.db.prepare("DELETE FROM issues WHERE id = ?").run(issue.id);
  });
  emit(hub, repo, "issues", payload);
}
