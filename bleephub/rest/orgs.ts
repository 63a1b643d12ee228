/** Organisations, memberships, teams and team repository permissions. */
import type { Schema } from "./schema.ts";
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { requireSiteAdmin, requireUser } from "./guards.ts";
import { orgJson, simpleUser } from "./shape_repo.ts";
import { forbidden, notFound, validationFailed } from "../errors.ts";
import {
  createUser,
  membershipRole,
  setMembership,
  userByLogin,
  type UserRow,
} from "../store/users.ts";
import { repoByName } from "../store/repos.ts";

interface TeamRow {
  id: number;
  org_id: number;
  name: string;
  slug: string;
  description: string | null;
  privacy: string;
}

function orgOr404(ar: ApiRequest): UserRow {
  const org = userByLogin(ar.hub.db, ar.params.org);
  if (!org || org.type !== "Organization") throw notFound();
  return org;
}

function requireOrgAdmin(ar: ApiRequest, org: UserRow): UserRow {
  const user = requireUser(ar);
  if (!user.site_admin && membershipRole(ar.hub.db, org.id, user.id) !== "admin") {
    throw forbidden("You must be an admin of this organization.");
  }
  return user;
}

function teamJson(ar: ApiRequest, org: UserRow, t: TeamRow): Schema<"team"> {
  const url = `${ar.hub.origin}/api/v3/orgs/${org.login}/teams/${t.slug}`;
  return {
    id: t.id,
    node_id: `T_${btoa(String(t.id)).replace(/=+$/, "")}`,
    url,
    html_url: `${ar.hub.origin}/orgs/${org.login}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    type: "organization",
    permission: "pull",
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
  };
}

function teamOr404(ar: ApiRequest, org: UserRow): TeamRow {
  const t = ar.hub.db.prepare("SELECT * FROM teams WHERE org_id = ? AND slug = ?").get(
    org.id,
    ar.params.slug,
  ) as TeamRow | undefined;
  if (!t) throw notFound();
  return t;
}

export function orgRoutes(r: Router<Handler>): void {
  // GHES site admin: create an organisation with an admin.
  r.add("POST", "/admin/organizations", async (ar) => {
    requireSiteAdmin(ar);
    const body = await readBody(ar);
    const admin = userByLogin(
      ar.hub.db,
      field<string>(body, "admin", "string", { required: true })!,
    );
    if (!admin) {
      throw validationFailed({ resource: "Organization", field: "admin", code: "invalid" });
    }
    const org = createUser(ar.hub.db, {
      login: field<string>(body, "login", "string", { required: true })!,
      name: field<string>(body, "profile_name", "string"),
      type: "Organization",
    });
    setMembership(ar.hub.db, org.id, admin.id, "admin");
    return json(orgJson(ar.hub, org), 201);
  });
  r.add("GET", "/orgs/:org", (ar) => {
    const org = orgOr404(ar);
    return json({
      ...orgJson(ar.hub, org),
      name: org.name,
      type: "Organization",
      html_url: `${ar.hub.origin}/${org.login}`,
      created_at: org.created_at,
    });
  });
  r.add("GET", "/organizations", (ar) => {
    const rows = ar.hub.db.prepare("SELECT * FROM users WHERE type = 'Organization' ORDER BY id")
      .all() as unknown as UserRow[];
    return paginated(ar, rows, (o) => orgJson(ar.hub, o));
  });
  r.add("GET", "/orgs/:org/members", (ar) => {
    const org = orgOr404(ar);
    const rows = ar.hub.db.prepare(
      "SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.org_id = ? ORDER BY u.login",
    ).all(org.id) as unknown as UserRow[];
    return paginated(ar, rows, (u) => simpleUser(ar.hub, u));
  });
  const membership = (ar: ApiRequest, org: UserRow, u: UserRow) => ({
    url: `${ar.hub.origin}/api/v3/orgs/${org.login}/memberships/${u.login}`,
    state: "active",
    role: membershipRole(ar.hub.db, org.id, u.id),
    organization: orgJson(ar.hub, org),
    user: simpleUser(ar.hub, u),
  });
  r.add("GET", "/orgs/:org/memberships/:user", (ar) => {
    const org = orgOr404(ar);
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u || !membershipRole(ar.hub.db, org.id, u.id)) throw notFound();
    return json(membership(ar, org, u));
  });
  r.add("PUT", "/orgs/:org/memberships/:user", async (ar) => {
    const org = orgOr404(ar);
    requireOrgAdmin(ar, org);
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u || u.type !== "User") throw notFound();
    const role = field<string>(await readBody(ar), "role", "string") ?? "member";
    if (!["admin", "member"].includes(role)) {
      throw validationFailed({ resource: "Membership", field: "role", code: "invalid" });
    }
    setMembership(ar.hub.db, org.id, u.id, role);
    return json(membership(ar, org, u));
  });
  r.add("DELETE", "/orgs/:org/memberships/:user", (ar) => {
    const org = orgOr404(ar);
    requireOrgAdmin(ar, org);
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u) throw notFound();
    ar.hub.db.prepare("DELETE FROM memberships WHERE org_id = ? AND user_id = ?").run(org.id, u.id);
    return noContent();
  });

  r.add("GET", "/orgs/:org/teams", (ar) => {
    const org = orgOr404(ar);
    const rows = ar.hub.db.prepare("SELECT * FROM teams WHERE org_id = ? ORDER BY name").all(
      org.id,
    ) as unknown as TeamRow[];
    return paginated(ar, rows, (t) => teamJson(ar, org, t));
  });
  r.add("POST", "/orgs/:org/teams", async (ar) => {
    const org = orgOr404(ar);
    const user = requireOrgAdmin(ar, org);
    const body = await readBody(ar);
    const name = field<string>(body, "name", "string", { required: true })!;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    if (ar.hub.db.prepare("SELECT 1 FROM teams WHERE org_id = ? AND slug = ?").get(org.id, slug)) {
      throw validationFailed({ resource: "Team", field: "name", code: "already_exists" });
    }
    const res = ar.hub.db.prepare(
      "INSERT INTO teams (org_id, name, slug, description, privacy) VALUES (?, ?, ?, ?, ?)",
    )
      .run(
        org.id,
        name,
        slug,
        field<string>(body, "description", "string") ?? null,
        field<string>(body, "privacy", "string") ?? "secret",
      );
    const teamId = Number(res.lastInsertRowid);
    ar.hub.db.prepare(
      "INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, 'maintainer')",
    ).run(teamId, user.id);
    return json(
      teamJson(
        ar,
        org,
        ar.hub.db.prepare("SELECT * FROM teams WHERE id = ?").get(teamId) as unknown as TeamRow,
      ),
      201,
    );
  });
  r.add("GET", "/orgs/:org/teams/:slug", (ar) => {
    const org = orgOr404(ar);
    return json(teamJson(ar, org, teamOr404(ar, org)));
  });
  r.add("PUT", "/orgs/:org/teams/:slug/memberships/:user", async (ar) => {
    const org = orgOr404(ar);
    requireOrgAdmin(ar, org);
    const t = teamOr404(ar, org);
    const u = userByLogin(ar.hub.db, ar.params.user);
    if (!u) throw notFound();
    const role = field<string>(await readBody(ar), "role", "string") ?? "member";
    if (!membershipRole(ar.hub.db, org.id, u.id)) setMembership(ar.hub.db, org.id, u.id, "member");
    ar.hub.db.prepare(
      "INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role",
    ).run(t.id, u.id, role);
    return json({
      url: `${ar.hub.origin}/api/v3/orgs/${org.login}/teams/${t.slug}/memberships/${u.login}`,
      role,
      state: "active",
    });
  });
  r.add("GET", "/orgs/:org/teams/:slug/members", (ar) => {
    const org = orgOr404(ar);
    const t = teamOr404(ar, org);
    const rows = ar.hub.db.prepare(
      "SELECT u.* FROM users u JOIN team_members m ON m.user_id = u.id WHERE m.team_id = ? ORDER BY u.login",
    ).all(t.id) as unknown as UserRow[];
    return paginated(ar, rows, (u) => simpleUser(ar.hub, u));
  });
  r.add("PUT", "/orgs/:org/teams/:slug/repos/:owner/:repo", async (ar) => {
    const org = orgOr404(ar);
    requireOrgAdmin(ar, org);
    const t = teamOr404(ar, org);
    const repo = repoByName(ar.hub.db, ar.params.owner, ar.params.repo);
    if (!repo || repo.owner_id !== org.id) throw notFound();
    const permission = field<string>(await readBody(ar), "permission", "string") ?? "push";
    const mapped = ({ pull: "read", push: "write" } as Record<string, string>)[permission] ??
      permission;
    if (!["read", "triage", "write", "maintain", "admin"].includes(mapped)) {
      throw validationFailed({ resource: "Team", field: "permission", code: "invalid" });
    }
    ar.hub.db.prepare(
      "INSERT INTO team_repos (team_id, repo_id, permission) VALUES (?, ?, ?) ON CONFLICT (team_id, repo_id) DO UPDATE SET permission = excluded.permission",
    ).run(t.id, repo.id, mapped);
    return noContent();
  });
}
