/**
 * Who is calling: `Authorization: token|Bearer <t>` or HTTP Basic with the token as password
 * (how git sends it). A presented but unknown token is 401 "Bad credentials", like GitHub.
 */
import type { Db } from "./store/db.ts";
import { parseScopes, tokenRow, userById, type UserRow } from "./store/users.ts";
import { badCredentials, missingScope } from "./errors.ts";

export interface Caller {
  viewer: UserRow | null;
  scopes: string[];
  token?: string;
}

export function tokenFrom(header: string | null): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  const s = scheme.toLowerCase();
  if (s === "token" || s === "bearer") return value;
  if (s === "basic") {
    const decoded = atob(value);
    const colon = decoded.indexOf(":");
    // git sends "user:token"; some tools send the token as the user name and no password.
    const password = colon < 0 ? decoded : decoded.slice(colon + 1);
    return password || decoded.slice(0, Math.max(colon, 0));
  }
  return undefined;
}

export function authenticate(db: Db, header: string | null): Caller {
  const token = tokenFrom(header);
  if (token === undefined) return { viewer: null, scopes: [] };
  const row = tokenRow(db, token);
  if (!row) throw badCredentials();
  const viewer = userById(db, row.user_id);
  if (!viewer) throw badCredentials();
  return { viewer, scopes: parseScopes(row.scopes), token };
}

/** Scope implication as GitHub documents it: `repo` covers `public_repo`, etc. */
const IMPLIED: Record<string, string[]> = {
  repo: ["public_repo", "repo:status", "repo_deployment", "repo:invite"],
  "admin:org": ["write:org", "read:org"],
  "write:org": ["read:org"],
  "admin:repo_hook": ["write:repo_hook", "read:repo_hook"],
  user: ["read:user", "user:email", "user:follow"],
};

export function hasScope(scopes: string[], needed: string): boolean {
  return scopes.some((s) => s === needed || (IMPLIED[s] ?? []).includes(needed));
}

/** Throws 403 naming the scopes unless the token carries one of `anyOf`. */
export function requireScope(scopes: string[], ...anyOf: string[]): void {
  if (!anyOf.some((n) => hasScope(scopes, n))) throw missingScope(anyOf, scopes);
}
