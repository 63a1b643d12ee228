/**
 * bleephub's front door: one fetch handler that authenticates, rate-limits, stamps GitHub's
 * response headers and hands the request to git smart HTTP, GraphQL, OAuth or the REST router.
 */
import { apiBase, type ApiRequest, type Hub } from "./hub.ts";
import { authenticate, type Caller } from "./auth.ts";
import { GitHubError } from "./errors.ts";
import { rateHeaders } from "./rate_limit.ts";
import { restRouter } from "./rest/mod.ts";
import { json } from "./rest/respond.ts";
import { handleGraphql } from "./graphql/handler.ts";
import { gitRoute, handleGit } from "./git/http_backend.ts";
import { handleOauth } from "./oauth.ts";

/** The REST API versions bleephub answers as; GitHub refuses others with 400. */
const API_VERSIONS = ["2022-11-28"];

export function createHandler(hub: Hub): (req: Request) => Promise<Response> {
  const router = restRouter();

  return async function bleephub(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const requestId = crypto.randomUUID().toUpperCase();
    const headers = new Headers({
      "X-GitHub-Request-Id": requestId,
      "X-GitHub-Api-Version": req.headers.get("x-github-api-version") ?? API_VERSIONS[0],
      "X-GitHub-Media-Type": "github.v3; format=json",
      Server: "GitHub.com",
    });
    let response: Response;
    try {
      const git = gitRoute(url.pathname);
      if (git) {
        response = await handleGit(hub, req, url, git);
      } else if (url.pathname.startsWith("/login/")) {
        response = await handleOauth(hub, req, url);
      } else {
        const isGraphql = url.pathname === "/api/graphql";
        const isRest = url.pathname === "/api/v3" || url.pathname.startsWith("/api/v3/") ||
          url.pathname.startsWith("/api/uploads/");
        if (!isGraphql && !isRest) {
          response = url.pathname === "/_health" ? json({ ok: true }) : json(
            { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
            404,
          );
        } else {
          const caller: Caller = authenticate(hub.db, req.headers.get("authorization"));
          const key = caller.token ? `t:${caller.token}` : "anon";
          const limit = caller.viewer ? 5000 : 60;
          const bucket = `${isGraphql ? "g" : "r"}:${key}`;
          // Checking the budget is free on GitHub; everything else spends one request.
          const state = url.pathname === "/api/v3/rate_limit"
            ? { ...hub.limiter.peek(bucket, limit), exceeded: false }
            : hub.limiter.take(bucket, limit);
          for (const [k, v] of Object.entries(rateHeaders(state, isGraphql ? "graphql" : "core"))) {
            headers.set(k, v);
          }
          if (caller.token) headers.set("X-OAuth-Scopes", caller.scopes.join(", "));
          if (state.exceeded) {
            throw new GitHubError(
              403,
              `API rate limit exceeded for ${caller.viewer?.login ?? "anonymous"}.`,
            );
          }
          if (isGraphql) {
            response = await handleGraphql(hub, req, caller, state);
          } else {
            const path = url.pathname.startsWith("/api/uploads/")
              ? url.pathname.slice("/api/uploads".length)
              : url.pathname.slice("/api/v3".length) || "/";
            const version = req.headers.get("x-github-api-version");
            if (version !== null && !API_VERSIONS.includes(version)) {
              throw new GitHubError(400, `API version ${version} is not supported.`);
            }
            const match = router.match(req.method, path);
            if (!match) {
              throw new GitHubError(404, "Not Found");
            }
            const ar: ApiRequest = {
              hub,
              req,
              url,
              params: match.params,
              viewer: caller.viewer,
              scopes: caller.scopes,
              rateKey: key,
            };
            response = await match.handler(ar);
          }
        }
      }
    } catch (e) {
      if (e instanceof GitHubError) {
        response = json(e, e.status, e.headers);
      } else {
        console.error(`bleephub: ${req.method} ${url.pathname}:`, e);
        response = json({ message: "Server Error", documentation_url: apiBase(hub) }, 500);
      }
    }
    for (const [k, v] of headers) {
      if (!response.headers.has(k)) response.headers.set(k, v);
    }
    if (req.method === "HEAD" && response.body) {
      // HEAD shares GET's handler; the body must not reach the wire (HTTP/2 clients reject it).
      await response.body.cancel();
      return new Response(null, { status: response.status, headers: response.headers });
    }
    return response;
  };
}
