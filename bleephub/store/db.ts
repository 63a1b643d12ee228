/**
 * The embedded SQLite database that holds all of bleephub's state except git objects (those live
 * in bare repositories on disk). WAL mode with synchronous=NORMAL keeps every committed write
 * across a `kill -9` of the process, which is the durability the contract asks for.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT, email TEXT,
  type TEXT NOT NULL DEFAULT 'User', site_admin INTEGER NOT NULL DEFAULT 0, bio TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), scopes TEXT NOT NULL,
  note TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS device_codes (
  device_code TEXT PRIMARY KEY, user_code TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL,
  scopes TEXT NOT NULL, user_id INTEGER, token TEXT, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS memberships (
  org_id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id));
CREATE TABLE IF NOT EXISTS teams (
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, name TEXT NOT NULL, slug TEXT NOT NULL,
  description TEXT, privacy TEXT NOT NULL DEFAULT 'closed', UNIQUE (org_id, slug));
CREATE TABLE IF NOT EXISTS team_members (
  team_id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id));
CREATE TABLE IF NOT EXISTS team_repos (
  team_id INTEGER NOT NULL, repo_id INTEGER NOT NULL, permission TEXT NOT NULL,
  PRIMARY KEY (team_id, repo_id));
CREATE TABLE IF NOT EXISTS repos (
  id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
  description TEXT, homepage TEXT, private INTEGER NOT NULL DEFAULT 0,
  default_branch TEXT NOT NULL DEFAULT 'main', has_issues INTEGER NOT NULL DEFAULT 1,
  has_wiki INTEGER NOT NULL DEFAULT 1, archived INTEGER NOT NULL DEFAULT 0,
  allow_merge_commit INTEGER NOT NULL DEFAULT 1, allow_squash_merge INTEGER NOT NULL DEFAULT 1,
  allow_rebase_merge INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, pushed_at TEXT, UNIQUE (owner_id, name));
CREATE TABLE IF NOT EXISTS collaborators (
  repo_id INTEGER NOT NULL, user_id INTEGER NOT NULL, permission TEXT NOT NULL,
  PRIMARY KEY (repo_id, user_id));
CREATE TABLE IF NOT EXISTS protected_branches (
  repo_id INTEGER NOT NULL, branch TEXT NOT NULL, required_reviews INTEGER,
  enforce_admins INTEGER NOT NULL DEFAULT 0, allow_force_pushes INTEGER NOT NULL DEFAULT 0,
  allow_deletions INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (repo_id, branch));
CREATE TABLE IF NOT EXISTS issues (
  id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, number INTEGER NOT NULL,
  title TEXT NOT NULL, body TEXT, state TEXT NOT NULL DEFAULT 'open', state_reason TEXT,
  user_id INTEGER NOT NULL, locked INTEGER NOT NULL DEFAULT 0, lock_reason TEXT,
  milestone_id INTEGER, is_pull INTEGER NOT NULL DEFAULT 0,
  head_ref TEXT, head_sha TEXT, base_ref TEXT, base_sha TEXT, draft INTEGER NOT NULL DEFAULT 0,
  merged_at TEXT, merge_commit_sha TEXT, merged_by INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, closed_at TEXT,
  UNIQUE (repo_id, number));
CREATE TABLE IF NOT EXISTS deleted_issue_numbers (
  repo_id INTEGER NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (repo_id, number));
CREATE TABLE IF NOT EXISTS issue_assignees (
  issue_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (issue_id, user_id));
CREATE TABLE IF NOT EXISTS labels (
  id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
  color TEXT NOT NULL, description TEXT, UNIQUE (repo_id, name));
CREATE TABLE IF NOT EXISTS issue_labels (
  issue_id INTEGER NOT NULL, label_id INTEGER NOT NULL, PRIMARY KEY (issue_id, label_id));
CREATE TABLE IF NOT EXISTS milestones (
  id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, number INTEGER NOT NULL,
  title TEXT NOT NULL, description TEXT, state TEXT NOT NULL DEFAULT 'open', due_on TEXT,
  creator_id INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  closed_at TEXT, UNIQUE (repo_id, number));
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  body TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  state TEXT NOT NULL, body TEXT, commit_id TEXT, submitted_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS review_comments (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, review_id INTEGER, user_id INTEGER NOT NULL,
  body TEXT NOT NULL, path TEXT NOT NULL, line INTEGER, side TEXT, commit_id TEXT, diff_hunk TEXT,
  in_reply_to INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS releases (
  id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, tag_name TEXT NOT NULL,
  target_commitish TEXT NOT NULL, name TEXT, body TEXT, draft INTEGER NOT NULL DEFAULT 0,
  prerelease INTEGER NOT NULL DEFAULT 0, author_id INTEGER NOT NULL, created_at TEXT NOT NULL,
  published_at TEXT);
CREATE TABLE IF NOT EXISTS release_assets (
  id INTEGER PRIMARY KEY, release_id INTEGER NOT NULL, name TEXT NOT NULL, label TEXT,
  content_type TEXT NOT NULL, data BLOB NOT NULL, uploader_id INTEGER NOT NULL,
  download_count INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
  UNIQUE (release_id, name));
CREATE TABLE IF NOT EXISTS statuses (
  id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, sha TEXT NOT NULL, state TEXT NOT NULL,
  context TEXT NOT NULL, description TEXT, target_url TEXT, creator_id INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS check_runs (
  id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, head_sha TEXT NOT NULL, name TEXT NOT NULL,
  status TEXT NOT NULL, conclusion TEXT, external_id TEXT, details_url TEXT, output TEXT,
  started_at TEXT, completed_at TEXT);
CREATE TABLE IF NOT EXISTS hooks (
  id INTEGER PRIMARY KEY, repo_id INTEGER, org_id INTEGER, url TEXT NOT NULL, secret TEXT,
  content_type TEXT NOT NULL DEFAULT 'json', events TEXT NOT NULL, active INTEGER NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hook_deliveries (
  id INTEGER PRIMARY KEY, hook_id INTEGER NOT NULL, guid TEXT NOT NULL, event TEXT NOT NULL,
  action TEXT, status_code INTEGER, status TEXT NOT NULL, duration REAL,
  request_headers TEXT NOT NULL, request_payload TEXT NOT NULL, response_body TEXT,
  delivered_at TEXT NOT NULL);
`;

/**
 * The database with compiled statements cached by their SQL text: handlers prepare the same
 * few hundred statements over and over, and compiling them dominated a simple GET.
 */
export class Db extends DatabaseSync {
  #statements = new Map<string, StatementSync>();

  override prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = super.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openDatabase(path: string): Db {
  const db = new Db(path);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  db.exec(SCHEMA);
  return db;
}

/** Runs `fn` in one transaction so a failed request leaves no partial state behind. */
export function transaction<T>(db: Db, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
