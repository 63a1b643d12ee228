/** Issue and pull request rows (they share numbering per repository), labels and comments. */
import { type Db, now } from "./db.ts";
import { notFound, validationFailed } from "../errors.ts";

export interface IssueRow {
  id: number;
  repo_id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  user_id: number;
  locked: number;
  lock_reason: string | null;
  milestone_id: number | null;
  is_pull: number;
  head_ref: string | null;
  head_sha: string | null;
  base_ref: string | null;
  base_sha: string | null;
  draft: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
  merged_by: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface LabelRow {
  id: number;
  repo_id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface MilestoneRow {
  id: number;
  repo_id: number;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  due_on: string | null;
  creator_id: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface CommentRow {
  id: number;
  issue_id: number;
  user_id: number;
  body: string;
  created_at: string;
  updated_at: string;
}

export function issueById(db: Db, id: number): IssueRow | undefined {
  return db.prepare("SELECT * FROM issues WHERE id = ?").get(id) as IssueRow | undefined;
}

export function issueByNumber(db: Db, repoId: number, number: number): IssueRow | undefined {
  return db.prepare("SELECT * FROM issues WHERE repo_id = ? AND number = ?").get(repoId, number) as
    | IssueRow
    | undefined;
}

export function requireIssue(db: Db, repoId: number, number: number, pull?: boolean): IssueRow {
  const row = issueByNumber(db, repoId, number);
  if (!row || (pull !== undefined && (row.is_pull === 1) !== pull)) throw notFound();
  return row;
}

export interface IssueFilter {
  state?: "open" | "closed" | "all";
  pulls?: boolean;
  labels?: string[];
  assignee?: number | "none" | "*";
  creator?: number;
  milestone?: number | "none" | "*";
  head?: string;
  base?: string;
}

export function listIssues(db: Db, repoId: number, f: IssueFilter = {}): IssueRow[] {
  const where = ["i.repo_id = ?"];
  const args: (string | number)[] = [repoId];
  if (f.state && f.state !== "all") (where.push("i.state = ?"), args.push(f.state));
  if (f.pulls !== undefined) (where.push("i.is_pull = ?"), args.push(f.pulls ? 1 : 0));
  if (f.creator !== undefined) (where.push("i.user_id = ?"), args.push(f.creator));
  if (f.head !== undefined) (where.push("i.head_ref = ?"), args.push(f.head));
  if (f.base !== undefined) (where.push("i.base_ref = ?"), args.push(f.base));
  if (f.milestone === "none") where.push("i.milestone_id IS NULL");
  else if (f.milestone === "*") where.push("i.milestone_id IS NOT NULL");
  else if (f.milestone !== undefined) (where.push("i.milestone_id = ?"), args.push(f.milestone));
  if (f.assignee === "none") {
    where.push("NOT EXISTS (SELECT 1 FROM issue_assignees a WHERE a.issue_id = i.id)");
  } else if (f.assignee === "*") {
    where.push("EXISTS (SELECT 1 FROM issue_assignees a WHERE a.issue_id = i.id)");
  } else if (f.assignee !== undefined) {
    where.push(
      "EXISTS (SELECT 1 FROM issue_assignees a WHERE a.issue_id = i.id AND a.user_id = ?)",
    );
    args.push(f.assignee);
  }
  for (const name of f.labels ?? []) {
    where.push(
      `EXISTS (SELECT 1 FROM issue_labels il JOIN labels l ON l.id = il.label_id
        WHERE il.issue_id = i.id AND l.name = ?)`,
    );
    args.push(name);
  }
  return db.prepare(`SELECT i.* FROM issues i WHERE ${where.join(" AND ")} ORDER BY i.number DESC`)
    .all(...args) as unknown as IssueRow[];
}

export function nextNumber(db: Db, repoId: number): number {
  // Numbers of deleted issues stay taken, as on GitHub.
  const row = db.prepare(
    `SELECT max(coalesce((SELECT max(number) FROM issues WHERE repo_id = ?1), 0),
       coalesce((SELECT max(number) FROM deleted_issue_numbers WHERE repo_id = ?1), 0)) + 1 AS n`,
  ).get(repoId) as { n: number };
  return row.n;
}

export function labelsOf(db: Db, issueId: number): LabelRow[] {
  return db.prepare(
    `SELECT l.* FROM labels l JOIN issue_labels il ON il.label_id = l.id WHERE il.issue_id = ?
     ORDER BY l.name`,
  ).all(issueId) as unknown as LabelRow[];
}

export function labelByName(db: Db, repoId: number, name: string): LabelRow | undefined {
  return db.prepare("SELECT * FROM labels WHERE repo_id = ? AND name = ?").get(repoId, name) as
    | LabelRow
    | undefined;
}

export function repoLabels(db: Db, repoId: number): LabelRow[] {
  return db.prepare("SELECT * FROM labels WHERE repo_id = ? ORDER BY name").all(
    repoId,
  ) as unknown as LabelRow[];
}

export function createLabel(
  db: Db,
  repoId: number,
  name: string,
  color: string,
  description: string | null,
): LabelRow {
  const hex = color.replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(hex)) {
    throw validationFailed({ resource: "Label", field: "color", code: "invalid" });
  }
  if (!name.trim()) {
    throw validationFailed({ resource: "Label", field: "name", code: "missing_field" });
  }
  if (labelByName(db, repoId, name)) {
    throw validationFailed({ resource: "Label", field: "name", code: "already_exists" });
  }
  const r = db.prepare("INSERT INTO labels (repo_id, name, color, description) VALUES (?, ?, ?, ?)")
    .run(repoId, name, hex.toLowerCase(), description);
  return db.prepare("SELECT * FROM labels WHERE id = ?").get(
    Number(r.lastInsertRowid),
  ) as unknown as LabelRow;
}

export function assigneesOf(db: Db, issueId: number): number[] {
  return (db.prepare("SELECT user_id FROM issue_assignees WHERE issue_id = ? ORDER BY user_id")
    .all(issueId) as { user_id: number }[]).map((r) => r.user_id);
}

export function commentsOf(db: Db, issueId: number): CommentRow[] {
  return db.prepare("SELECT * FROM comments WHERE issue_id = ? ORDER BY id").all(
    issueId,
  ) as unknown as CommentRow[];
}

export function milestoneById(db: Db, id: number): MilestoneRow | undefined {
  return db.prepare("SELECT * FROM milestones WHERE id = ?").get(id) as MilestoneRow | undefined;
}

export function touchIssue(db: Db, issueId: number): void {
  db.prepare("UPDATE issues SET updated_at = ? WHERE id = ?").run(now(), issueId);
}
