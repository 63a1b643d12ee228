/**
 * An HTTP client for one registry (OCI distribution spec `/v2/`): picks http for loopback and
 * configured insecure registries and https otherwise, answers auth challenges (Bearer tokens
 * per scope, Basic), retries transient failures with backoff, and turns registry error bodies
 * into typed errors.
 *
 * @module
 */
import { DockerError, Forbidden, NotFound, Unauthorized, Unavailable } from "../errors.ts";
import {
  basicAuthorization,
  type BearerToken,
  fetchBearerToken,
  parseChallenges,
  type RegistryCredentials,
} from "./auth.ts";
import { backoffDelay, isRetryableStatus, type RetryOptions, sleep } from "./retry.ts";

/** How to reach registries. */
export interface RegistryOptions {
  /** Registries (`host:port`) to reach over plain HTTP, like dockerd's `--insecure-registry`. */
  insecureRegistries?: string[];
  /** Credentials, usually from `X-Registry-Auth`. */
  credentials?: RegistryCredentials;
  retry?: Omit<RetryOptions, "signal">;
  signal?: AbortSignal;
}

/** A request to the registry; `body` is a factory so a retried request can resend it. */
export interface RegistryRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: () => BodyInit | null | Promise<BodyInit | null>;
  /** Access the request needs, e.g. `repository:library/alpine:pull`. */
  scopes: string[];
}

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/** The base URL of a registry's API, as dockerd chooses it. */
export function registryBaseUrl(domain: string, insecure: string[] = []): string {
  if (domain === "docker.io") return "https://registry-1.docker.io";
  const plain = loopback.test(domain) || insecure.includes(domain) ||
    insecure.includes(domain.replace(/:\d+$/, ""));
  return `${plain ? "http" : "https"}://${domain}`;
}

/**
 * A client bound to one registry, reusing tokens across requests.
 *
 * @example
 * ```ts
 * const client = new RegistryClient("localhost:5000");
 * const response = await client.request("/v2/x/manifests/latest", {
 *   scopes: ["repository:x:pull"],
 * });
 * ```
 */
export class RegistryClient {
  readonly baseUrl: string;
  #tokens = new Map<string, BearerToken>();
  #basic = false;

  constructor(readonly domain: string, readonly options: RegistryOptions = {}) {
    this.baseUrl = registryBaseUrl(domain, options.insecureRegistries);
  }

  /** Sends a request, retrying network errors, 5xx and 429 with backoff. */
  async request(path: string, request: RegistryRequest): Promise<Response> {
    const attempts = this.options.retry?.attempts ?? 4;
    const signal = this.options.signal;
    const url = new URL(path, this.baseUrl);
    for (let attempt = 0;; attempt++) {
      let response: Response;
      try {
        response = await this.#authorized(url, request);
      } catch (error) {
        if (signal?.aborted || error instanceof DockerError) throw error;
        if (attempt + 1 >= attempts) {
          throw new Unavailable(
            `registry ${this.domain} is unreachable (${url.origin}): ${(error as Error).message}`,
          );
        }
        await sleep(backoffDelay(attempt, this.options.retry), signal);
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt + 1 >= attempts) return response;
      await response.body?.cancel();
      await sleep(
        backoffDelay(attempt, this.options.retry, response.headers.get("retry-after")),
        signal,
      );
    }
  }

  async #authorized(url: URL, request: RegistryRequest): Promise<Response> {
    const send = async () =>
      await fetch(url, {
        method: request.method ?? "GET",
        headers: { ...request.headers, ...this.#authHeader(request.scopes) },
        body: (await request.body?.()) ?? null,
        signal: this.options.signal,
        redirect: "follow",
      });
    const response = await send();
    if (response.status !== 401) return response;
    const challenges = parseChallenges(response.headers.get("www-authenticate") ?? "");
    const bearer = challenges.find((c) => c.scheme === "bearer");
    const credentials = this.options.credentials;
    if (bearer) {
      await response.body?.cancel();
      const token = credentials?.registrytoken
        ? { token: credentials.registrytoken, expiresAt: Infinity }
        : await fetchBearerToken(bearer, request.scopes, credentials, this.options.signal);
      this.#tokens.set(request.scopes.join(" "), token);
      return await send();
    }
    if (challenges.some((c) => c.scheme === "basic") && credentials?.username && !this.#basic) {
      await response.body?.cancel();
      this.#basic = true;
      return await send();
    }
    return response;
  }

  #authHeader(scopes: string[]): Record<string, string> {
    const token = this.#tokens.get(scopes.join(" "));
    if (token && token.expiresAt > Date.now()) return { authorization: `Bearer ${token.token}` };
    if (this.#basic && this.options.credentials) {
      return { authorization: basicAuthorization(this.options.credentials) };
    }
    return {};
  }
}

/** The `{"errors":[…]}` body of a failed registry request. */
interface RegistryErrors {
  errors?: { code?: string; message?: string; detail?: unknown }[];
}

/**
 * Turns a failed registry response into the typed error Docker would answer, e.g.
 * "manifest for localhost:5000/x:nope not found: manifest unknown: manifest unknown".
 */
export async function registryError(response: Response, what: string): Promise<DockerError> {
  const text = await response.text().catch(() => "");
  let detail = text.trim() || response.statusText;
  try {
    const body = JSON.parse(text) as RegistryErrors;
    if (body.errors?.length) {
      detail = body.errors.map((e) =>
        `${(e.code ?? "unknown").toLowerCase().replace(/_/g, " ")}: ${e.message ?? ""}`
      ).join(", ");
    }
  } catch { /* not JSON: keep the text */ }
  switch (response.status) {
    case 404:
      return new NotFound(`${what} not found: ${detail}`);
    case 401:
      return new Unauthorized(`${what}: unauthorized: ${detail}`);
    case 403:
      return new Forbidden(`${what}: denied: ${detail}`);
    default:
      return new DockerError(
        response.status >= 500 ? 502 : 500,
        `${what}: registry answered ${response.status}: ${detail}`,
      );
  }
}
