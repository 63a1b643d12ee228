/** Repository rows and who may do what with them. Git objects live on disk (see git/). */
import { type Db, now } from "./db.ts";
import { membershipRole, userByLogin, type UserRow } from "./users.ts";
import { notFound, validationFailed } from "../errors.ts";

export interface RepoRow {
  id: number;
  owner_id: number;
  name: string;
  description: string | null;
  homepage: string | null;
  private: number;
  default_branch: string;
  has_issues: number;
  has_wiki: number;
  archived: number;
  allow_merge_commit: number;
  allow_squash_merge: number;
  allow_rebase_merge: number;
  created_at: string;
  updated_at: string;
  pushed_at: string | null;
}

export type Permission = "none" | "read" | "triage" | "write" | "maintain" | "admin";
const RANK: Permission[] = ["none", "read", "triage", "write", "maintain", "admin"];

export function atLeast(have: Permission, need: Permission): boolean {
  return RANK.indexOf(have) >= RANK.indexOf(need);
}

const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export function repoById(db: Db, id: number): RepoRow | undefined {
  return db.prepare("SELECT * FROM repos WHERE id = ?").get(id) as RepoRow | undefined;
}

export function repoByName(db: Db, owner: string, name: string): RepoRow | undefined {
  const o = userByLogin(db, owner);
  if (!o) return undefined;
  return db.prepare("SELECT * FROM repos WHERE owner_id = ? AND name = ?").get(o.id, name) as
    | RepoRow
    | undefined;
}

/** The viewer's permission on a repository: GitHub's roles, from ownership, org role or grants. */
export function permissionOf(db: Db, repo: RepoRow, viewer: UserRow | null): Permission {
  const floor: Permission = repo.private ? "none" : "read";
  if (!viewer) return floor;
  if (viewer.site_admin || viewer.id === repo.owner_id) return "admin";
  let best: Permission = floor;
  const raise = (p: string | undefined) => {
    if (p && atLeast(p as Permission, best)) best = p as Permission;
  };
  const role = membershipRole(db, repo.owner_id, viewer.id);
  if (role === "admin") raise("admin");
  else if (role === "member") raise("read");
  const collab = db.prepare(
    "SELECT permission FROM collaborators WHERE repo_id = ? AND user_id = ?",
  )
    .get(repo.id, viewer.id) as { permission: string } | undefined;
  raise(collab?.permission);
  const teams = db.prepare(
    `SELECT tr.permission FROM team_repos tr JOIN team_members tm ON tm.team_id = tr.team_id
     WHERE tr.repo_id = ? AND tm.user_id = ?`,
  ).all(repo.id, viewer.id) as { permission: string }[];
  for (const t of teams) raise(t.permission);
  return best;
}

/** Finds a repository the viewer can see; a private one they cannot see is a plain 404. */
export function visibleRepo(db: Db, owner: string, name: string, viewer: UserRow | null): RepoRow {
  const repo = repoByName(db, owner, name);
  if (!repo || permissionOf(db, repo, viewer) === "none") throw notFound();
  return repo;
}

export interface NewRepo {
  name: string;
  description?: string | null;
  homepage?: string | null;
  private?: boolean;
  has_issues?: boolean;
  has_wiki?: boolean;
  default_branch?: string;
}

export function insertRepo(db: Db, owner: UserRow, input: NewRepo): RepoRow {
  if (typeof input.name !== "string" || !REPO_NAME.test(input.name) || /^\.+$/.test(input.name)) {
    throw validationFailed({ resource: "Repository", field: "name", code: "custom" });
  }
  if (db.prepare("SELECT 1 FROM repos WHERE owner_id = ? AND name = ?").get(owner.id, input.name)) {
    throw validationFailed({
      resource: "Repository",
      field: "name",
      code: "custom",
      message: "name already exists on this account",
    });
  }
  const t = now();
  const r = db.prepare(
    `INSERT INTO repos (owner_id, name, description, homepage, private, has_issues, has_wiki,
       default_branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    owner.id,
    input.name,
    input.description ?? null,
    input.homepage ?? null,
    input.private ? 1 : 0,
    input.has_issues === false ? 0 : 1,
    input.has_wiki === false ? 0 : 1,
    input.default_branch ?? "main",
    t,
    t,
  );
  return repoById(db, Number(r.lastInsertRowid))!;
}

const EDITABLE = [
  "name",
  "description",
  "homepage",
  "private",
  "default_branch",
  "has_issues",
  "has_wiki",
  "archived",
  "allow_merge_commit",
  "allow_squash_merge",
  "allow_rebase_merge",
] as const;

export function updateRepo(db: Db, repo: RepoRow, patch: Record<string, unknown>): RepoRow {
  const sets: string[] = [];
  const values: (string | number | null)[] = [];
  for (const key of EDITABLE) {
    if (!(key in patch) || patch[key] === undefined) continue;
    let v = patch[key];
    if (key === "name" && (typeof v !== "string" || !REPO_NAME.test(v))) {
      throw validationFailed({ resource: "Repository", field: "name", code: "invalid" });
    }
    if (typeof v === "boolean") v = v ? 1 : 0;
    if (v !== null && typeof v !== "string" && typeof v !== "number") {
      throw validationFailed({ resource: "Repository", field: key, code: "invalid" });
    }
    sets.push(`${key} = ?`);
    values.push(v as string | number | null);
  }
  if (sets.length) {
    db.prepare(`UPDATE repos SET ${sets.join(", ")}, updated_at = ? WHERE id = ?`)
      .run(...values, now(), repo.id);
  }
  return repoById(db, repo.id)!;
}

/** Repositories owned by `owner` that `viewer` may see, newest first. */
export function reposOwnedBy(db: Db, owner: UserRow, viewer: UserRow | null): RepoRow[] {
  const rows = db.prepare("SELECT * FROM repos WHERE owner_id = ? ORDER BY id DESC")
    .all(owner.id) as unknown as RepoRow[];
  return rows.filter((r) => permissionOf(db, r, viewer) !== "none");
}

export function deleteRepoRows(db: Db, repo: RepoRow): void {
  const issueIds = `SELECT id FROM issues WHERE repo_id = ${repo.id}`;
  for (
    const sql of [
      `DELETE FROM comments WHERE issue_id IN (${issueIds})`,
      `DELETE FROM issue_labels WHERE issue_id IN (${issueIds})`,
      `DELETE FROM issue_assignees WHERE issue_id IN (${issueIds})`,
      `DELETE FROM reviews WHERE issue_id IN (${issueIds})`,
      `DELETE FROM review_comments WHERE issue_id IN (${issueIds})`,
      `DELETE FROM release_assets WHERE release_id IN
         (SELECT id FROM releases WHERE repo_id = ${repo.id})`,
    ]
  ) db.exec(sql);
  for (
    const table of [
      "issues",
      "labels",
      "milestones",
      "releases",
      "statuses",
      "check_runs",
      "hooks",
      "collaborators",
      "protected_branches",
      "team_repos",
    ]
  ) db.prepare(`DELETE FROM ${table} WHERE repo_id = ?`).run(repo.id);
  db.prepare("DELETE FROM repos WHERE id = ?").run(repo.id);
}
