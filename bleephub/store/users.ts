/** Users, organisations (users of type Organization) and personal access tokens. */
import { type Db, now } from "./db.ts";
import { validationFailed } from "../errors.ts";

export interface UserRow {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  type: "User" | "Organization";
  site_admin: number;
  bio: string | null;
  created_at: string;
  updated_at: string;
}

export interface TokenRow {
  id: number;
  token: string;
  user_id: number;
  scopes: string;
  note: string | null;
  created_at: string;
}

/** Scopes a site admin's bootstrap token carries: everything gh and the tests need. */
export const ALL_SCOPES = [
  "admin:org",
  "admin:org_hook",
  "admin:repo_hook",
  "delete_repo",
  "gist",
  "read:org",
  "repo",
  "user",
  "workflow",
];

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export function userById(db: Db, id: number): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
}

export function userByLogin(db: Db, login: string): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE login = ?").get(login) as UserRow | undefined;
}

export function createUser(
  db: Db,
  input: { login: string; email?: string; name?: string; type?: UserRow["type"]; admin?: boolean },
): UserRow {
  const resource = input.type === "Organization" ? "Organization" : "User";
  if (typeof input.login !== "string" || !LOGIN.test(input.login)) {
    throw validationFailed({ resource, field: "login", code: "invalid" });
  }
  if (userByLogin(db, input.login)) {
    throw validationFailed({ resource, field: "login", code: "already_exists" });
  }
  const t = now();
  const r = db.prepare(
    `INSERT INTO users (login, name, email, type, site_admin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.login,
    input.name ?? null,
    input.email ?? null,
    input.type ?? "User",
    input.admin ? 1 : 0,
    t,
    t,
  );
  return userById(db, Number(r.lastInsertRowid))!;
}

/** Creates a `ghp_` token: "ghp_" + 36 base62 characters, the classic PAT format. */
export function createToken(db: Db, userId: number, scopes: string[], note?: string): TokenRow {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(36));
  const token = "ghp_" + Array.from(bytes, (b) => alphabet[b % 62]).join("");
  return insertToken(db, token, userId, scopes, note);
}

export function insertToken(
  db: Db,
  token: string,
  userId: number,
  scopes: string[],
  note?: string,
): TokenRow {
  db.prepare(
    `INSERT INTO tokens (token, user_id, scopes, note, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, scopes = excluded.scopes`,
  ).run(token, userId, scopes.join(", "), note ?? null, now());
  return db.prepare("SELECT rowid AS id, * FROM tokens WHERE token = ?").get(
    token,
  ) as unknown as TokenRow;
}

export function tokenRow(db: Db, token: string): TokenRow | undefined {
  return db.prepare("SELECT rowid AS id, * FROM tokens WHERE token = ?").get(token) as
    | TokenRow
    | undefined;
}

export function parseScopes(scopes: string): string[] {
  return scopes.split(",").map((s) => s.trim()).filter(Boolean);
}

/** Makes sure the bootstrap site admin `admin` exists and owns `token` with every scope. */
export function ensureAdmin(db: Db, token: string): UserRow {
  const user = userByLogin(db, "admin") ??
    createUser(db, { login: "admin", name: "Site Admin", admin: true });
  // Only the token given at this start is the bootstrap token; an earlier one stops working.
  db.prepare("DELETE FROM tokens WHERE note = 'bootstrap admin token' AND token <> ?").run(token);
  insertToken(db, token, user.id, ALL_SCOPES, "bootstrap admin token");
  return user;
}

export function membershipRole(db: Db, orgId: number, userId: number): string | undefined {
  const row = db.prepare("SELECT role FROM memberships WHERE org_id = ? AND user_id = ?")
    .get(orgId, userId) as { role: string } | undefined;
  return row?.role;
}

export function setMembership(db: Db, orgId: number, userId: number, role: string): void {
  db.prepare(
    `INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?)
     ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`,
  ).run(orgId, userId, role);
}

export function orgsOf(db: Db, userId: number): UserRow[] {
  return db.prepare(
    `SELECT u.* FROM users u JOIN memberships m ON m.org_id = u.id WHERE m.user_id = ?
     ORDER BY u.login`,
  ).all(userId) as unknown as UserRow[];
}
