/** Repository and organisation webhooks: CRUD, ping, and the delivery log with redelivery. */
import type { Schema } from "./schema.ts";
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { orgJson, repoJson, simpleUser } from "./shape_repo.ts";
import { membershipRole, userByLogin } from "../store/users.ts";
import { notFound, validationFailed } from "../errors.ts";
import { now } from "../store/db.ts";
import { deliver, type HookRow } from "../webhooks.ts";
import { requireScope } from "../auth.ts";

interface DeliveryRow {
  id: number;
  hook_id: number;
  guid: string;
  event: string;
  action: string | null;
  status_code: number | null;
  status: string;
  duration: number;
  request_headers: string;
  request_payload: string;
  response_body: string | null;
  delivered_at: string;
}

/** The outcome of the hook's latest delivery, in the shape GitHub reports it. */
function lastResponse(ar: ApiRequest, hookId: number) {
  const d = ar.hub.db.prepare(
    "SELECT status_code, status FROM hook_deliveries WHERE hook_id = ? ORDER BY id DESC LIMIT 1",
  ).get(hookId) as { status_code: number | null; status: string } | undefined;
  if (!d) return { code: null, status: "unused", message: null };
  return {
    code: d.status_code,
    status: d.status === "OK" ? "active" : "failed",
    message: d.status,
  };
}

function hookJson(ar: ApiRequest, h: HookRow): Schema<"hook"> {
  const url = `${ar.hub.origin}/api/v3${hooksPath(ar)}/${h.id}`;
  return {
    type: h.org_id !== null ? "Organization" : "Repository",
    id: h.id,
    name: "web",
    active: h.active === 1,
    events: JSON.parse(h.events),
    last_response: lastResponse(ar, h.id),
    config: {
      url: h.url,
      content_type: h.content_type,
      insecure_ssl: "0",
      ...(h.secret ? { secret: "********" } : {}),
    },
    updated_at: h.updated_at,
    created_at: h.created_at,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
  };
}

function deliveryJson(d: DeliveryRow, full: boolean) {
  const base = {
    id: d.id,
    guid: d.guid,
    delivered_at: d.delivered_at,
    redelivery: false,
    duration: d.duration,
    status: d.status,
    status_code: d.status_code ?? 0,
    event: d.event,
    action: d.action,
    installation_id: null,
    repository_id: null,
  };
  if (!full) return base;
  return {
    ...base,
    request: { headers: JSON.parse(d.request_headers), payload: JSON.parse(d.request_payload) },
    response: { headers: {}, payload: d.response_body },
  };
}

function readConfig(body: Record<string, unknown>, existing?: HookRow) {
  const config =
    field<Record<string, unknown>>(body, "config", "object", { required: !existing }) ?? {};
  const url = (config.url as string | undefined) ?? existing?.url;
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
    throw validationFailed({
      resource: "Hook",
      field: "url",
      code: "custom",
      message: "url is not a valid URL",
    });
  }
  const events = field<string[]>(body, "events", "array") ??
    (existing ? JSON.parse(existing.events) : ["push"]);
  const contentType = (config.content_type as string | undefined) ?? existing?.content_type ??
    "form";
  if (!["json", "form"].includes(contentType)) {
    throw validationFailed({ resource: "Hook", field: "content_type", code: "invalid" });
  }
  return {
    url,
    secret: (config.secret as string | undefined) ?? existing?.secret ?? null,
    contentType,
    events,
    active: field<boolean>(body, "active", "boolean") ?? (existing ? existing.active === 1 : true),
  };
}

/** Where a hook lives: a repository (admin on it) or an organisation (its admins). */
interface HookScope {
  column: "repo_id" | "org_id";
  id: number;
  /** The `repository` or `organization` object pings carry. */
  subject: Record<string, unknown>;
}

function hooksPath(ar: ApiRequest): string {
  return ar.params.org
    ? `/orgs/${ar.params.org}/hooks`
    : `/repos/${ar.params.owner}/${ar.params.repo}/hooks`;
}

function scopeOf(ar: ApiRequest): HookScope {
  if (ar.params.org) {
    const org = userByLogin(ar.hub.db, ar.params.org);
    if (!org || org.type !== "Organization") throw notFound();
    const user = requireUser(ar);
    if (!user.site_admin && membershipRole(ar.hub.db, org.id, user.id) !== "admin") {
      throw notFound();
    }
    requireScope(ar.scopes, "admin:org_hook");
    return { column: "org_id", id: org.id, subject: { organization: orgJson(ar.hub, org) } };
  }
  const repo = repoFor(ar, "admin");
  requireScope(ar.scopes, "admin:repo_hook", "write:repo_hook", "read:repo_hook", "repo");
  return {
    column: "repo_id",
    id: repo.id,
    subject: { repository: repoJson(ar.hub, repo, ar.viewer) },
  };
}

function hookOr404(ar: ApiRequest, scope: HookScope): HookRow {
  const h = ar.hub.db.prepare(`SELECT * FROM hooks WHERE id = ? AND ${scope.column} = ?`)
    .get(Number(ar.params.id), scope.id) as HookRow | undefined;
  if (!h) throw notFound();
  return h;
}

function ping(ar: ApiRequest, scope: HookScope, hook: HookRow) {
  return deliver(ar.hub, hook, "ping", {
    zen: "Keep it logically awesome.",
    hook_id: hook.id,
    hook: hookJson(ar, hook),
    ...scope.subject,
    sender: simpleUser(ar.hub, requireUser(ar)),
  });
}

function deliveryOr404(ar: ApiRequest, hook: HookRow): DeliveryRow {
  const d = ar.hub.db.prepare("SELECT * FROM hook_deliveries WHERE id = ? AND hook_id = ?")
    .get(Number(ar.params.delivery), hook.id) as DeliveryRow | undefined;
  if (!d) throw notFound();
  return d;
}

export function hookRoutes(r: Router<Handler>): void {
  for (const base of ["/repos/:owner/:repo/hooks", "/orgs/:org/hooks"]) {
    r.add("GET", base, (ar) => {
      const scope = scopeOf(ar);
      const rows = ar.hub.db.prepare(`SELECT * FROM hooks WHERE ${scope.column} = ? ORDER BY id`)
        .all(scope.id) as unknown as HookRow[];
      return paginated(ar, rows, (h) => hookJson(ar, h));
    });
    r.add("POST", base, async (ar) => {
      const scope = scopeOf(ar);
      const c = readConfig(await readBody(ar));
      const t = now();
      const res = ar.hub.db.prepare(
        `INSERT INTO hooks (${scope.column}, url, secret, content_type, events, active, created_at,
           updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        scope.id,
        c.url,
        c.secret,
        c.contentType,
        JSON.stringify(c.events),
        c.active ? 1 : 0,
        t,
        t,
      );
      const hook = ar.hub.db.prepare("SELECT * FROM hooks WHERE id = ?")
        .get(Number(res.lastInsertRowid)) as unknown as HookRow;
      // GitHub pings a new hook right away.
      await ping(ar, scope, hook);
      return json(hookJson(ar, hook), 201);
    });
    r.add("GET", `${base}/:id(\\d+)`, (ar) => json(hookJson(ar, hookOr404(ar, scopeOf(ar)))));
    r.add("PATCH", `${base}/:id(\\d+)`, async (ar) => {
      const scope = scopeOf(ar);
      const hook = hookOr404(ar, scope);
      const body = await readBody(ar);
      const c = readConfig(body, hook);
      const add = field<string[]>(body, "add_events", "array") ?? [];
      const remove = field<string[]>(body, "remove_events", "array") ?? [];
      const events = [...new Set([...c.events, ...add])].filter((e) => !remove.includes(e));
      ar.hub.db.prepare(
        `UPDATE hooks SET url = ?, secret = ?, content_type = ?, events = ?, active = ?,
           updated_at = ? WHERE id = ?`,
      ).run(
        c.url,
        c.secret,
        c.contentType,
        JSON.stringify(events),
        c.active ? 1 : 0,
        now(),
        hook.id,
      );
      return json(hookJson(ar, hookOr404(ar, scope)));
    });
    r.add("DELETE", `${base}/:id(\\d+)`, (ar) => {
      const hook = hookOr404(ar, scopeOf(ar));
      ar.hub.db.prepare("DELETE FROM hook_deliveries WHERE hook_id = ?").run(hook.id);
      ar.hub.db.prepare("DELETE FROM hooks WHERE id = ?").run(hook.id);
      return noContent();
    });
    r.add("POST", `${base}/:id(\\d+)/pings`, async (ar) => {
      const scope = scopeOf(ar);
      await ping(ar, scope, hookOr404(ar, scope));
      return noContent();
    });
    r.add("GET", `${base}/:id(\\d+)/deliveries`, (ar) => {
      const hook = hookOr404(ar, scopeOf(ar));
      const rows = ar.hub.db.prepare(
        "SELECT * FROM hook_deliveries WHERE hook_id = ? ORDER BY id DESC",
      ).all(hook.id) as unknown as DeliveryRow[];
      return paginated(ar, rows, (d) => deliveryJson(d, false));
    });
    r.add("GET", `${base}/:id(\\d+)/deliveries/:delivery(\\d+)`, (ar) => {
      const hook = hookOr404(ar, scopeOf(ar));
      return json(deliveryJson(deliveryOr404(ar, hook), true));
    });
    r.add("POST", `${base}/:id(\\d+)/deliveries/:delivery(\\d+)/attempts`, async (ar) => {
      const hook = hookOr404(ar, scopeOf(ar));
      const d = deliveryOr404(ar, hook);
      await deliver(ar.hub, hook, d.event, JSON.parse(d.request_payload));
      return json({}, 202);
    });
  }
}
