/**
 * `docker login` (`POST /auth`): checks credentials against a registry the way moby's
 * `loginV2` does, by answering the `/v2/` challenge with them: a Bearer token granted, or
 * `/v2/` answering 200 to Basic credentials, means they are good.
 *
 * @module
 */
import { InvalidParameter, Unauthorized } from "../errors.ts";
import type { RegistryCredentials } from "./auth.ts";
import { RegistryClient, type RegistryOptions } from "./client.ts";

/** The body of a successful `POST /auth`. */
export interface LoginResult {
  Status: "Login Succeeded";
  IdentityToken: string;
}

/** The registry domain a `serveraddress` names (`https://index.docker.io/v1/` is Docker Hub). */
export function loginDomain(serverAddress: string | undefined): string {
  const host = (serverAddress ?? "").replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "");
  if (host === "" || host === "index.docker.io" || host === "registry-1.docker.io") {
    return "docker.io";
  }
  return host;
}

/**
 * Validates credentials against the registry they name.
 *
 * @example
 * ```ts
 * await login({ username: "u", password: "p", serveraddress: "localhost:5000" });
 * // { Status: "Login Succeeded", IdentityToken: "" }
 * ```
 */
export async function login(
  credentials: RegistryCredentials,
  options: Omit<RegistryOptions, "credentials"> = {},
): Promise<LoginResult> {
  if (!credentials.username && !credentials.identitytoken) {
    throw new InvalidParameter("login needs a username and password (or an identity token)");
  }
  const client = new RegistryClient(loginDomain(credentials.serveraddress), {
    ...options,
    credentials,
  });
  const response = await client.request("/v2/", { scopes: [] });
  await response.body?.cancel();
  if (response.status !== 200) {
    throw new Unauthorized(
      `login attempt to ${client.baseUrl}/v2/ failed with status: ${response.status} ${response.statusText}`,
    );
  }
  return { Status: "Login Succeeded", IdentityToken: "" };
}
