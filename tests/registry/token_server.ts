/**
 * A token server for the distribution token auth spec, so the real registry can demand Bearer
 * tokens as Docker Hub does: it checks Basic credentials and issues ES256 JWTs carrying an
 * `x5c` certificate the registry trusts through `rootcertbundle`. Keys come from `openssl`.
 *
 * @module
 */

/** A running token server and the registry config that trusts it. */
export interface TokenServer {
  /** YAML to append to the registry config. */
  registryConfig: string;
  /** Token requests seen, as `account scope…`, to check what clients asked for. */
  requests: string[];
  stop(): Promise<void>;
}

const service = "sockerless-test-registry";
const issuer = "sockerless-test-issuer";

function base64url(bytes: Uint8Array | string): string {
  const raw = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Starts a token server that accepts `username`/`password`. */
export async function startTokenServer(username: string, password: string): Promise<TokenServer> {
  const dir = await Deno.makeTempDir({ prefix: "token-" });
  const made = await new Deno.Command("openssl", {
    args: [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      `${dir}/key.pem`,
      "-out",
      `${dir}/cert.pem`,
      "-days",
      "1",
      "-subj",
      "/CN=token-issuer",
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!made.success) throw new Error(`openssl failed: ${new TextDecoder().decode(made.stderr)}`);
  const key = await crypto.subtle.importKey(
    "pkcs8",
    pemBody(await Deno.readTextFile(`${dir}/key.pem`)),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"],
  );
  const certificate = btoa(
    String.fromCharCode(...pemBody(await Deno.readTextFile(`${dir}/cert.pem`))),
  );
  const requests: string[] = [];
  const expected = `Basic ${btoa(`${username}:${password}`)}`;

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    const scopes = url.searchParams.getAll("scope");
    requests.push([url.searchParams.get("account") ?? "-", ...scopes].join(" "));
    if (request.headers.get("authorization") !== expected) {
      return Response.json({ details: "incorrect username or password" }, { status: 401 });
    }
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(":");
      return type === "repository" ? [{ type, name, actions: actions.split(",") }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ typ: "JWT", alg: "ES256", x5c: [certificate] }));
    const claims = base64url(JSON.stringify({
      iss: issuer,
      sub: username,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: crypto.randomUUID(),
      access,
    }));
    const signature = new Uint8Array(
      await crypto.subtle.sign(
        { name: "ECDSA", hash: "SHA-256" },
        key,
        new TextEncoder().encode(`${header}.${claims}`),
      ),
    );
    return Response.json({ token: `${header}.${claims}.${base64url(signature)}`, expires_in: 300 });
  });
  const realm = `http://127.0.0.1:${server.addr.port}/token`;
  return {
    registryConfig: [
      "auth:",
      "  token:",
      `    realm: ${realm}`,
      `    service: ${service}`,
      `    issuer: ${issuer}`,
      `    rootcertbundle: ${dir}/cert.pem`,
    ].join("\n"),
    requests,
    async stop() {
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
