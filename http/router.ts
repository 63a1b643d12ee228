/**
 * The fetch-style Docker API router: `(Request) => Response`, testable without sockets. It strips
 * `/vX.Y/` prefixes, answers unknown paths and wrong methods with moby's 404 "page not found",
 * and renders every thrown error once. (The server adds the identity headers to every response.)
 *
 * @module
 */
import { markConstant } from "./constant_responses.ts";
import { errorResponse } from "./error_response.ts";
import { jsonResponse } from "./json.ts";
import { splitVersion } from "./version.ts";
import type { BackendClient } from "../backends/core/protocol.ts";
import type { DaemonFacts } from "./daemon_facts.ts";

/** What a route handler gets besides the request. */
export interface RouteContext {
  /** Path parameters by name, already URL-decoded. */
  params: Record<string, string>;
  url: URL;
  /** The API version the client asked for (from the path prefix), or the current one. */
  apiVersion: string;
  /** Aborted when the client goes away; streaming handlers must stop on it. */
  signal: AbortSignal;
  backend: BackendClient;
  daemon: DaemonFacts;
}

export type RouteHandler = (req: Request, ctx: RouteContext) => Response | Promise<Response>;

/** One entry of the route table: `{name}` matches a segment, `{name*}` one or more. */
export interface Route {
  /** An HTTP method, or "*" for any. */
  method: string;
  pattern: string;
  handler: RouteHandler;
  /** The response depends only on the method and target for the daemon's life (`/_ping`). */
  constant?: boolean;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

/** What the server passes per request. */
export interface RequestOptions {
  signal?: AbortSignal;
}

export type Router = (req: Request, options?: RequestOptions) => Promise<Response>;

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern.replace(/\{(\w+)(\*?)\}/g, (_, name: string, greedy: string) => {
    names.push(name);
    return greedy ? "(.+)" : "([^/]+)";
  });
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

/** Builds a {@link Router} over a route table and the services handlers need. */
export function createRouter(
  routes: Route[],
  services: { backend: BackendClient; daemon: DaemonFacts },
): Router {
  const table = routes.map(compile);
  return async function route(req, options = {}) {
    let response: Response;
    try {
      response = await dispatch(req, options.signal ?? new AbortController().signal);
    } catch (error) {
      response = errorResponse(error);
    }
    return response;
  };

  function dispatch(req: Request, signal: AbortSignal): Response | Promise<Response> {
    const url = new URL(req.url);
    const { version, path } = splitVersion(url.pathname);
    const method = req.method === "HEAD" ? "HEAD" : req.method;
    for (const entry of table) {
      if (entry.method !== method && entry.method !== "*") continue;
      const match = entry.regex.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      entry.names.forEach((name, i) => params[name] = decodeURIComponent(match[i + 1]));
      const response = entry.handler(req, {
        params,
        url,
        apiVersion: version,
        signal,
        ...services,
      });
      if (!entry.constant) return response;
      return response instanceof Response ? markConstant(response) : response.then(markConstant);
    }
    return jsonResponse({ message: "page not found" }, 404);
  }
}
