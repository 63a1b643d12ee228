/**
 * ECR's registry credentials: GetAuthorizationToken hands out `base64("AWS:" + password)`, valid
 * for 12 hours, and the registry accepts Basic auth with user `AWS` and that password. The
 * password is signed, not remembered: `base64url({region, expiry}) "." HMAC-SHA256`, with a key
 * kept in the simulator's state, so tokens survive a restart with `--data-dir` as ECR's do, and
 * the registry learns from the token which region's repositories the caller sees (all regions
 * share the simulator's one port).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { World } from "../context.ts";
import { RegistryError } from "./registry_errors.ts";

/** How long a token is valid, as ECR's: 12 hours. */
export const TOKEN_LIFETIME_MS = 12 * 3600 * 1000;

/** What a valid registry password grants. */
export interface RegistryGrant {
  region: string;
  expiresAt: number;
}

const keys = new Map<string, Promise<CryptoKey>>();

function _signingKey(world: World): Promise<CryptoKey> {
  let secret = world.state.ecrTokenKey;
  if (!secret) {
    secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
    world.state.ecrTokenKey = secret;
    world.store.changed();
  }
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      Buffer.from(secret, "base64"),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

/** Issues a registry password for `region`, valid until `expiresAt` (epoch ms). */
export async function issuePassword(
  world: World,
  region: string,
  expiresAt = Date.now() + TOKEN_LIFETIME_MS,
): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ region, expiresAt })).toString("base64url");
  const signature = await crypto.subtle.sign(
    "HMAC",
    await _signingKey(world),
    new TextEncoder().encode(payload),
  );
  return `${payload}.${Buffer.from(signature).toString("base64url")}`;
}

/** The challenge ECR sends with a 401: Basic, so clients answer with the token's user and password. */
export function basicChallenge(world: World): Record<string, string> {
  return { "www-authenticate": `Basic realm="${world.endpoint}/",service="ecr.amazonaws.com"` };
}

/**
 * Checks an `Authorization` header: 401 UNAUTHORIZED when it is missing or not a token this
 * simulator signed, 403 DENIED (ECR's words) when the token has expired.
 */
export async function verifyAuthorization(
  world: World,
  header: string | null,
): Promise<RegistryGrant> {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) throw new RegistryError("UNAUTHORIZED", "Not Authorized");
  const decoded = Buffer.from(match[1], "base64").toString();
  const colon = decoded.indexOf(":");
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const [payload, signature, extra] = password.split(".");
  if (colon < 0 || user !== "AWS" || !payload || !signature || extra !== undefined) {
    throw new RegistryError("UNAUTHORIZED", "Not Authorized");
  }
  if (!world.state.ecrTokenKey) throw new RegistryError("UNAUTHORIZED", "Not Authorized");
  const valid = await crypto.subtle.verify(
    "HMAC",
    await _signingKey(world),
    Buffer.from(signature, "base64url"),
    new TextEncoder().encode(payload),
  );
  if (!valid) throw new RegistryError("UNAUTHORIZED", "Not Authorized");
  const grant = JSON.parse(Buffer.from(payload, "base64url").toString()) as RegistryGrant;
  if (grant.expiresAt <= Date.now()) {
    throw new RegistryError(
      "DENIED",
      "Your authorization token has expired. Reauthenticate and try again.",
    );
  }
  return grant;
}
