/** The OAuth device flow: code, pending, approval by a signed-in user, then a working token. */
import assert from "node:assert/strict";
import { ADMIN_TOKEN, startTestHub } from "./test_utils.ts";

Deno.test("device flow issues a gho_ token after approval", async () => {
  const hub = await startTestHub();
  try {
    const form = (path: string, body: Record<string, string>, token?: string) =>
      fetch(`${hub.bleephub.origin}${path}`, {
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
          ...(token ? { authorization: `token ${token}` } : {}),
        },
        body: new URLSearchParams(body),
      }).then((r) => r.json());
    const code = await form("/login/device/code", { client_id: "cli", scope: "repo read:org" });
    assert.match(code.user_code, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(code.verification_uri, `${hub.bleephub.origin}/login/device`);
    const grant = {
      client_id: "cli",
      device_code: code.device_code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    };
    assert.deepEqual(await form("/login/oauth/access_token", grant), {
      error: "authorization_pending",
    });
    await form("/login/device", { user_code: code.user_code }, ADMIN_TOKEN);
    const token = await form("/login/oauth/access_token", grant);
    assert.match(token.access_token, /^gho_[A-Za-z0-9]{36}$/);
    assert.equal(token.scope, "repo read:org");
    const user = await hub.call("GET", "/user", undefined, token.access_token);
    assert.equal((await user.json()).login, "admin");
    assert.equal(user.headers.get("x-oauth-scopes"), "repo, read:org");
    assert.deepEqual(await form("/login/oauth/access_token", { ...grant, device_code: "nope" }), {
      error: "incorrect_device_code",
    });
  } finally {
    await hub.close();
  }
});
