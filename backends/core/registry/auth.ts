/**
 * Registry credentials and the challenge/response of the distribution token spec: Docker's
 * `X-Registry-Auth` header (base64url JSON), `WWW-Authenticate` challenges (Bearer, Basic), and
 * fetching a Bearer token from the realm with the scopes an operation needs.
 *
 * @module
 */
import { InvalidParameter, Unauthorized } from "../errors.ts";

/** Docker's `AuthConfig`, as the CLI sends it in `X-Registry-Auth`. */
export interface RegistryCredentials {
  username?: string;
  password?: string;
  /** base64("user:pass"), as in `~/.docker/config.json`. */
  auth?: string;
  serveraddress?: string;
  /** An OAuth2 refresh token (`docker login` with a token-based registry). */
  identitytoken?: string;
  /** A bearer token to send as is. */
  registrytoken?: string;
}

/**
 * Decodes `X-Registry-Auth`: base64url (moby's `registry.DecodeAuthConfig`) with or without
 * padding; standard base64 is accepted too. An empty header means anonymous.
 *
 * @example
 * ```ts
 * decodeRegistryAuth(btoa(JSON.stringify({ username: "u", password: "p" })));
 * ```
 */
export function decodeRegistryAuth(
  header: string | null | undefined,
): RegistryCredentials | undefined {
  if (!header) return undefined;
  let json: string;
  try {
    const base64 = header.replace(/-/g, "+").replace(/_/g, "/");
    json = new TextDecoder().decode(
      Uint8Array.from(
        atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)),
        (c) => c.charCodeAt(0),
      ),
    );
  } catch {
    throw new InvalidParameter("invalid X-Registry-Auth header: not base64url");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InvalidParameter("invalid X-Registry-Auth header: not JSON");
  }
  if (typeof value !== "object" || value === null) {
    throw new InvalidParameter("invalid X-Registry-Auth header: not a JSON object");
  }
  const credentials = value as RegistryCredentials;
  if (credentials.auth && !credentials.username) {
    const plain = atob(credentials.auth);
    const colon = plain.indexOf(":");
    if (colon < 0) {
      throw new InvalidParameter("invalid X-Registry-Auth header: auth is not user:password");
    }
    credentials.username = plain.slice(0, colon);
    credentials.password = plain.slice(colon + 1);
  }
  const empty = !credentials.username && !credentials.identitytoken && !credentials.registrytoken;
  return empty ? undefined : credentials;
}

/** A parsed `WWW-Authenticate` challenge. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `WWW-Authenticate` (one or more challenges, quoted or token parameter values). */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const pattern =
    /\s*([A-Za-z][\w-]*)(?:\s+|$)|\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y;
  let current: Challenge | undefined;
  let index = 0;
  while (index < header.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(header);
    if (!match || match[0].length === 0) break;
    index = pattern.lastIndex;
    if (match[2] !== undefined && current) {
      current.params[match[2].toLowerCase()] = match[3]?.replace(/\\(.)/g, "$1") ?? match[4];
    } else if (match[1] !== undefined) {
      current = { scheme: match[1].toLowerCase(), params: {} };
      challenges.push(current);
    }
    while (header[index] === "," || header[index] === " ") index++;
  }
  return challenges;
}

/** A Bearer token and when it stops being usable. */
export interface BearerToken {
  token: string;
  expiresAt: number;
}

/** The Basic `Authorization` value for credentials. */
export function basicAuthorization(credentials: RegistryCredentials): string {
  const bytes = new TextEncoder().encode(
    `${credentials.username ?? ""}:${credentials.password ?? ""}`,
  );
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Fetches a Bearer token from a challenge's realm (distribution's token spec): GET with Basic
 * credentials, or the OAuth2 POST with a refresh token when only an identity token is known.
 */
export async function fetchBearerToken(
  challenge: Challenge,
  scopes: string[],
  credentials: RegistryCredentials | undefined,
  signal?: AbortSignal,
): Promise<BearerToken> {
  const realm = challenge.params.realm;
  if (!realm) throw new Unauthorized("registry sent a Bearer challenge without a realm");
  const url = new URL(realm);
  const service = challenge.params.service;
  let response: Response;
  if (credentials?.identitytoken) {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: credentials.identitytoken,
      client_id: "docker",
      ...(service && { service }),
      scope: scopes.join(" "),
    });
    response = await fetch(url, { method: "POST", body: form, signal });
  } else {
    if (service) url.searchParams.set("service", service);
    for (const scope of scopes) url.searchParams.append("scope", scope);
    if (credentials?.username) url.searchParams.set("account", credentials.username);
    const headers: HeadersInit = credentials?.username
      ? { authorization: basicAuthorization(credentials) }
      : {};
    response = await fetch(url, { headers, signal });
  }
  if (!response.ok) {
    const detail = (await response.text()).trim();
    throw new Unauthorized(
      `token request to ${url.origin}${url.pathname} failed: ${response.status} ${response.statusText}` +
        (detail ? `: ${detail}` : ""),
    );
  }
  const body = await response.json() as {
    token?: string;
    access_token?: string;
    expires_in?: number;
  };
  const token = body.token ?? body.access_token;
  if (!token) throw new Unauthorized(`token server ${url.origin} answered without a token`);
  // The spec's minimum lifetime is 60 s; refresh a little early.
  return { token, expiresAt: Date.now() + Math.max(60, body.expires_in ?? 60) * 1000 - 10_000 };
}
