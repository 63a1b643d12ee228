/** Users: the authenticated user, profiles, and the GHES site-admin user/token endpoints. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { requireSiteAdmin, requireUser } from "./guards.ts";
import { fullUser, orgJson, simpleUser } from "./shape_repo.ts";
import { createToken, createUser, orgsOf, userByLogin, type UserRow } from "../store/users.ts";
import { notFound } from "../errors.ts";
import { now } from "../store/db.ts";

export function userRoutes(r: Router<Handler>): void {
  r.add("GET", "/user", (ar) => json(fullUser(ar.hub, requireUser(ar))));
  r.add("PATCH", "/user", async (ar) => {
    const user = requireUser(ar);
    const body = await readBody(ar);
    const name = field<string>(body, "name", "string", { nullable: true });
    const email = field<string>(body, "email", "string", { nullable: true });
    const bio = field<string>(body, "bio", "string", { nullable: true });
    ar.hub.db.prepare(
      `UPDATE users SET name = coalesce(?, name), email = coalesce(?, email),
       bio = coalesce(?, bio), updated_at = ? WHERE id = ?`,
    ).run(name ?? null, email ?? null, bio ?? null, now(), user.id);
    return json(fullUser(ar.hub, userByLogin(ar.hub.db, user.login)!));
  });
  r.add("GET", "/users/:login", (ar) => {
    const u = userByLogin(ar.hub.db, ar.params.login);
    if (!u) throw notFound();
    return json(fullUser(ar.hub, u));
  });
  r.add("GET", "/users", (ar) => {
    const since = Number(ar.url.searchParams.get("since") ?? 0);
    const rows = ar.hub.db.prepare("SELECT * FROM users WHERE id > ? ORDER BY id")
      .all(since) as unknown as UserRow[];
    return paginated(ar, rows, (u) => simpleUser(ar.hub, u));
  });
  r.add("GET", "/user/orgs", (ar) => {
    const user = requireUser(ar);
    return paginated(ar, orgsOf(ar.hub.db, user.id), (o) => orgJson(ar.hub, o));
  });
  r.add("GET", "/users/:login/orgs", (ar) => {
    const u = userByLogin(ar.hub.db, ar.params.login);
    if (!u) throw notFound();
    return paginated(ar, orgsOf(ar.hub.db, u.id), (o) => orgJson(ar.hub, o));
  });

  // GHES site administration: create users and impersonation tokens.
  r.add("POST", "/admin/users", async (ar) => {
    requireSiteAdmin(ar);
    const body = await readBody(ar);
    const login = field<string>(body, "login", "string", { required: true })!;
    const email = field<string>(body, "email", "string");
    const user = createUser(ar.hub.db, {
      login,
      email,
      name: field<string>(body, "name", "string"),
    });
    return json(fullUser(ar.hub, user), 201);
  });
  r.add("DELETE", "/admin/users/:login", (ar) => {
    requireSiteAdmin(ar);
    const u = userByLogin(ar.hub.db, ar.params.login);
    if (!u) throw notFound();
    ar.hub.db.prepare("DELETE FROM tokens WHERE user_id = ?").run(u.id);
    ar.hub.db.prepare("DELETE FROM users WHERE id = ?").run(u.id);
    return noContent();
  });
  r.add("POST", "/admin/users/:login/authorizations", async (ar) => {
    requireSiteAdmin(ar);
    const u = userByLogin(ar.hub.db, ar.params.login);
    if (!u) throw notFound();
    const body = await readBody(ar);
    const scopes = field<string[]>(body, "scopes", "array") ?? [];
    if (!scopes.every((s) => typeof s === "string")) {
      throw notFound();
    }
    const t = createToken(ar.hub.db, u.id, scopes, "impersonation");
    return json({
      id: t.id,
      token: t.token,
      token_last_eight: t.token.slice(-8),
      scopes,
      note: t.note,
      created_at: t.created_at,
      updated_at: t.created_at,
      user: simpleUser(ar.hub, u),
    }, 201);
  });
}
