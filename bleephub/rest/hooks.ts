/** Repository webhooks: CRUD, ping, and the delivery log with redelivery. */
import type { Schema } from "./schema.ts";
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { repoJson, simpleUser } from "./shape_repo.ts";
import { notFound, validationFailed } from "../errors.ts";
import { now } from "../store/db.ts";
import type { RepoRow } from "../store/repos.ts";
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
  const url = `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/hooks/${h.id}`;
  return {
    type: "Repository",
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

function hookOr404(ar: ApiRequest, repo: RepoRow): HookRow {
  const h = ar.hub.db.prepare("SELECT * FROM hooks WHERE id = ? AND repo_id = ?").get(
    Number(ar.params.id),
    repo.id,
  ) as HookRow | undefined;
  if (!h) throw notFound();
  return h;
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

export function hookRoutes(r: Router<Handler>): void {
  const admin = (ar: ApiRequest) => {
    const repo = repoFor(ar, "admin");
    requireScope(ar.scopes, "admin:repo_hook", "write:repo_hook", "read:repo_hook", "repo");
    return repo;
  };
  r.add("GET", "/repos/:owner/:repo/hooks", (ar) => {
    const repo = admin(ar);
    const rows = ar.hub.db.prepare("SELECT * FROM hooks WHERE repo_id = ? ORDER BY id").all(
      repo.id,
    ) as unknown as HookRow[];
    return paginated(ar, rows, (h) => hookJson(ar, h));
  });
  r.add("POST", "/repos/:owner/:repo/hooks", async (ar) => {
    const repo = admin(ar);
    const user = requireUser(ar);
    const c = readConfig(await readBody(ar));
    const t = now();
    const res = ar.hub.db.prepare(
      `INSERT INTO hooks (repo_id, url, secret, content_type, events, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      repo.id,
      c.url,
      c.secret,
      c.contentType,
      JSON.stringify(c.events),
      c.active ? 1 : 0,
      t,
      t,
    );
    const hook = ar.hub.db.prepare("SELECT * FROM hooks WHERE id = ?").get(
      Number(res.lastInsertRowid),
    ) as unknown as HookRow;
    // GitHub pings a new hook right away.
    await deliver(ar.hub, hook, "ping", {
      zen: "Keep it logically awesome.",
      hook_id: hook.id,
      hook: hookJson(ar, hook),
      repository: repoJson(ar.hub, repo, user),
      sender: simpleUser(ar.hub, user),
    });
    return json(hookJson(ar, hook), 201);
  });
  r.add(
    "GET",
    "/repos/:owner/:repo/hooks/:id(\\d+)",
    (ar) => json(hookJson(ar, hookOr404(ar, admin(ar)))),
  );
  r.add("PATCH", "/repos/:owner/:repo/hooks/:id(\\d+)", async (ar) => {
    const repo = admin(ar);
    const hook = hookOr404(ar, repo);
    const body = await readBody(ar);
    const c = readConfig(body, hook);
    const add = field<string[]>(body, "add_events", "array") ?? [];
    const remove = field<string[]>(body, "remove_events", "array") ?? [];
    const events = [...new Set([...c.events, ...add])].filter((e) => !remove.includes(e));
    ar.hub.db.prepare(
      "UPDATE hooks SET url = ?, secret = ?, content_type = ?, events = ?, active = ?, updated_at = ? WHERE id = ?",
    )
      .run(
        c.url,
        c.secret,
        c.contentType,
        JSON.stringify(events),
        c.active ? 1 : 0,
        now(),
        hook.id,
      );
    return json(hookJson(ar, hookOr404(ar, repo)));
  });
  r.add("DELETE", "/repos/:owner/:repo/hooks/:id(\\d+)", (ar) => {
    const repo = admin(ar);
    const hook = hookOr404(ar, repo);
    ar.hub.db.prepare("DELETE FROM hook_deliveries WHERE hook_id = ?").run(hook.id);
    ar.hub.db.prepare("DELETE FROM hooks WHERE id = ?").run(hook.id);
    return noContent();
  });
  r.add("POST", "/repos/:owner/:repo/hooks/:id(\\d+)/pings", async (ar) => {
    const repo = admin(ar);
    const hook = hookOr404(ar, repo);
    await deliver(ar.hub, hook, "ping", {
      zen: "Keep it logically awesome.",
      hook_id: hook.id,
      hook: hookJson(ar, hook),
      repository: repoJson(ar.hub, repo, ar.viewer),
      sender: simpleUser(ar.hub, requireUser(ar)),
    });
    return noContent();
  });
  r.add("GET", "/repos/:owner/:repo/hooks/:id(\\d+)/deliveries", (ar) => {
    const hook = hookOr404(ar, admin(ar));
    const rows = ar.hub.db.prepare(
      "SELECT * FROM hook_deliveries WHERE hook_id = ? ORDER BY id DESC",
    ).all(hook.id) as unknown as DeliveryRow[];
    return paginated(ar, rows, (d) => deliveryJson(d, false));
  });
  r.add("GET", "/repos/:owner/:repo/hooks/:id(\\d+)/deliveries/:delivery(\\d+)", (ar) => {
    const hook = hookOr404(ar, admin(ar));
    const d = ar.hub.db.prepare("SELECT * FROM hook_deliveries WHERE id = ? AND hook_id = ?").get(
      Number(ar.params.delivery),
      hook.id,
    ) as DeliveryRow | undefined;
    if (!d) throw notFound();
    return json(deliveryJson(d, true));
  });
  r.add(
    "POST",
    "/repos/:owner/:repo/hooks/:id(\\d+)/deliveries/:delivery(\\d+)/attempts",
    async (ar) => {
      const hook = hookOr404(ar, admin(ar));
      const d = ar.hub.db.prepare("SELECT * FROM hook_deliveries WHERE id = ? AND hook_id = ?").get(
        Number(ar.params.delivery),
        hook.id,
      ) as DeliveryRow | undefined;
      if (!d) throw notFound();
      await deliver(ar.hub, hook, d.event, JSON.parse(d.request_payload));
      return json({}, 202);
    },
  );
}
