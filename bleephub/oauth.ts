/**
 * The OAuth device flow (`/login/device/code`, `/login/oauth/access_token`) as gh and other
 * CLIs drive it. The step a person does in a browser on github.com is `POST /login/device`
 * here: an authenticated user submits the `user_code` to approve it. Tokens issued are `gho_`.
 */
import type { Hub } from "./hub.ts";
import { authenticate } from "./auth.ts";
import { insertToken } from "./store/users.ts";
import { GitHubError, requiresAuth } from "./errors.ts";

const EXPIRES_IN = 900;
const INTERVAL = 5;

async function params(req: Request, url: URL): Promise<URLSearchParams> {
  const merged = new URLSearchParams(url.search);
  const type = req.headers.get("content-type") ?? "";
  const text = await req.text();
  if (type.includes("json")) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(text || "{}"))) merged.set(k, String(v));
    } catch {
      throw new GitHubError(400, "Problems parsing JSON");
    }
  } else {
    for (const [k, v] of new URLSearchParams(text)) merged.set(k, v);
  }
  return merged;
}

/** GitHub answers form-encoded unless the client asks for JSON. */
function answer(req: Request, body: Record<string, string | number>, status = 200): Response {
  if ((req.headers.get("accept") ?? "").includes("json")) {
    return Response.json(body, { status });
  }
  const form = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
  return new Response(form.toString(), {
    status,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
  });
}

function randomCode(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export async function handleOauth(hub: Hub, req: Request, url: URL): Promise<Response> {
  if (req.method !== "POST") throw new GitHubError(404, "Not Found");
  const p = await params(req, url);
  switch (url.pathname) {
    case "/login/device/code": {
      const clientId = p.get("client_id");
      if (!clientId) return answer(req, { error: "unauthorized_client" }, 400);
      const deviceCode = randomCode("0123456789abcdef", 40);
      const raw = randomCode("BCDFGHJKLMNPQRSTVWXZ", 8);
      const userCode = `${raw.slice(0, 4)}-${raw.slice(4)}`;
      hub.db.prepare(
        `INSERT INTO device_codes (device_code, user_code, client_id, scopes, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(deviceCode, userCode, clientId, p.get("scope") ?? "", Date.now() + EXPIRES_IN * 1000);
      return answer(req, {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: `${hub.origin}/login/device`,
        expires_in: EXPIRES_IN,
        interval: INTERVAL,
      });
    }
    case "/login/device": {
      const { viewer } = authenticate(hub.db, req.headers.get("authorization"));
      if (!viewer) throw requiresAuth();
      const code = (p.get("user_code") ?? "").toUpperCase();
      const r = hub.db.prepare(
        "UPDATE device_codes SET user_id = ? WHERE user_code = ? AND user_id IS NULL AND expires_at > ?",
      ).run(viewer.id, code, Date.now());
      if (r.changes === 0) throw new GitHubError(404, "Not Found");
      return answer(req, { approved: code });
    }
    case "/login/oauth/access_token": {
      const row = hub.db.prepare("SELECT * FROM device_codes WHERE device_code = ?")
        .get(p.get("device_code") ?? "") as
          | {
            client_id: string;
            scopes: string;
            user_id: number | null;
            token: string | null;
            expires_at: number;
          }
          | undefined;
      if (p.get("grant_type") !== "urn:ietf:params:oauth:grant-type:device_code") {
        return answer(req, { error: "unsupported_grant_type" });
      }
      if (!row || row.client_id !== p.get("client_id")) {
        return answer(req, { error: "incorrect_device_code" });
      }
      if (row.expires_at < Date.now()) return answer(req, { error: "expired_token" });
      if (row.user_id === null) return answer(req, { error: "authorization_pending" });
      let token = row.token;
      if (!token) {
        token = "gho_" + randomCode(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
          36,
        );
        const scopes = row.scopes.split(/[ ,]+/).filter(Boolean);
        insertToken(hub.db, token, row.user_id, scopes, `device flow ${row.client_id}`);
        hub.db.prepare("UPDATE device_codes SET token = ? WHERE device_code = ?")
          .run(token, p.get("device_code"));
      }
      return answer(req, { access_token: token, token_type: "bearer", scope: row.scopes });
    }
  }
  throw new GitHubError(404, "Not Found");
}
