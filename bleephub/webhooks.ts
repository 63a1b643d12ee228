/**
 * Webhook delivery: each active hook subscribed to the event (or to "*") gets a POST signed with
 * HMAC-SHA256 (`X-Hub-Signature-256`) and HMAC-SHA1, and every attempt is stored as a delivery
 * record that the deliveries API lists. Deliveries run after the request that caused them.
 */
import type { Hub } from "./hub.ts";
import { now } from "./store/db.ts";
import { userById } from "./store/users.ts";
import { orgJson } from "./rest/shape_repo.ts";

export interface HookRow {
  id: number;
  repo_id: number | null;
  org_id: number | null;
  url: string;
  secret: string | null;
  content_type: string;
  events: string;
  active: number;
  created_at: string;
  updated_at: string;
}

async function hmacHex(algorithm: "SHA-256" | "SHA-1", secret: string, body: string) {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: algorithm },
    false,
    ["sign"],
  );
  const sig = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body));
  return Array.from(new Uint8Array(sig), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function signatureHeaders(secret: string, body: string) {
  return {
    "X-Hub-Signature-256": `sha256=${await hmacHex("SHA-256", secret, body)}`,
    "X-Hub-Signature": `sha1=${await hmacHex("SHA-1", secret, body)}`,
  };
}

/** Sends one delivery now and records it; used for events, pings and redeliveries. */
export async function deliver(
  hub: Hub,
  hook: HookRow,
  event: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const guid = crypto.randomUUID();
  const json = JSON.stringify(payload);
  const body = hook.content_type === "form" ? `payload=${encodeURIComponent(json)}` : json;
  const headers: Record<string, string> = {
    "Content-Type": hook.content_type === "form"
      ? "application/x-www-form-urlencoded"
      : "application/json",
    "User-Agent": "GitHub-Hookshot/bleephub",
    "X-GitHub-Event": event,
    "X-GitHub-Delivery": guid,
    "X-GitHub-Hook-ID": String(hook.id),
    "X-GitHub-Hook-Installation-Target-Type": hook.repo_id ? "repository" : "organization",
    "X-GitHub-Hook-Installation-Target-ID": String(hook.repo_id ?? hook.org_id),
    ...(hook.secret ? await signatureHeaders(hook.secret, body) : {}),
  };
  const started = performance.now();
  let statusCode: number | null = null;
  let status: string;
  let responseBody = "";
  try {
    const res = await fetch(hook.url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
    statusCode = res.status;
    responseBody = await res.text();
    status = res.ok ? "OK" : `Invalid HTTP Response: ${res.status}`;
  } catch (e) {
    status = `Failed to connect: ${e instanceof Error ? e.message : String(e)}`;
  }
  const r = hub.db.prepare(
    `INSERT INTO hook_deliveries (hook_id, guid, event, action, status_code, status, duration,
       request_headers, request_payload, response_body, delivered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hook.id,
    guid,
    event,
    typeof payload.action === "string" ? payload.action : null,
    statusCode,
    status,
    (performance.now() - started) / 1000,
    JSON.stringify(headers),
    json,
    responseBody.slice(0, 65536),
    now(),
  );
  return Number(r.lastInsertRowid);
}

export interface HubEvent {
  event: string;
  repo: { id: number; owner_id: number } | null;
  payload: Record<string, unknown>;
}

/** Queues deliveries of `event` to the repository's and its organisation's hooks. */
export function emit(
  hub: Hub,
  repo: { id: number; owner_id: number } | null,
  event: string,
  payload: Record<string, unknown>,
): void {
  // Events from an organisation's repositories carry the organisation, as on GitHub.
  const owner = repo ? userById(hub.db, repo.owner_id) : undefined;
  if (owner?.type === "Organization" && payload.organization === undefined) {
    payload = { ...payload, organization: orgJson(hub, owner) };
  }
  // In-process subscribers (the workflow engine to come) see every event a webhook would.
  hub.events.dispatchEvent(
    new CustomEvent<HubEvent>("event", { detail: { event, repo, payload } }),
  );
  const hooks = hub.db.prepare(
    `SELECT * FROM hooks WHERE active = 1 AND (repo_id = ? OR org_id = ?)`,
  ).all(repo?.id ?? -1, repo?.owner_id ?? -1) as unknown as HookRow[];
  for (const hook of hooks) {
    const events = JSON.parse(hook.events) as string[];
    if (!events.includes(event) && !events.includes("*")) continue;
    const p = deliver(hub, hook, event, payload).catch((e) =>
      console.error(`bleephub: webhook ${hook.id} delivery failed to record:`, e)
    ).finally(() => hub.pending.delete(p));
    hub.pending.add(p);
  }
}
