/**
 * Network routes (moby `daemon/server/router/network`): list, create, inspect, remove, prune,
 * connect and disconnect.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { parseFilters } from "../../backends/core/filters.ts";
import type { EndpointConfig, NetworkCreateBody } from "../../backends/core/protocol_networks.ts";
import { jsonResponse, readJson } from "../json.ts";
import type { Route, RouteContext } from "../router.ts";

async function objectBody<T>(req: Request, what: string): Promise<T> {
  const body = await readJson<T>(req) ?? {} as T;
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter(`invalid ${what} request: expected a JSON object`);
  }
  return body;
}

async function list(_req: Request, ctx: RouteContext): Promise<Response> {
  const filters = parseFilters(ctx.url.searchParams.get("filters"));
  return jsonResponse(await ctx.backend.call("network.list", { filters }));
}

async function create(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await objectBody<NetworkCreateBody>(req, "network create");
  return jsonResponse(await ctx.backend.call("network.create", { body }), 201);
}

async function inspect(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("network.inspect", { id: ctx.params.id }));
}

async function remove(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("network.remove", { id: ctx.params.id });
  return new Response(null, { status: 204 });
}

async function prune(_req: Request, ctx: RouteContext): Promise<Response> {
  const filters = parseFilters(ctx.url.searchParams.get("filters"));
  return jsonResponse(await ctx.backend.call("network.prune", { filters }));
}

async function connect(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await objectBody<{ Container?: string; EndpointConfig?: EndpointConfig | null }>(
    req,
    "network connect",
  );
  if (!body.Container) throw new InvalidParameter("no container specified to connect");
  await ctx.backend.call("network.connect", {
    id: ctx.params.id,
    container: body.Container,
    endpoint: body.EndpointConfig ?? {},
  });
  return new Response(null, { status: 200 });
}

async function disconnect(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await objectBody<{ Container?: string; Force?: boolean }>(req, "network disconnect");
  if (!body.Container) throw new InvalidParameter("no container specified to disconnect");
  await ctx.backend.call("network.disconnect", {
    id: ctx.params.id,
    container: body.Container,
    force: Boolean(body.Force),
  });
  return new Response(null, { status: 200 });
}

export const networkRoutes: Route[] = [
  { method: "GET", pattern: "/networks", handler: list },
  { method: "POST", pattern: "/networks/create", handler: create },
  { method: "POST", pattern: "/networks/prune", handler: prune },
  { method: "GET", pattern: "/networks/{id}", handler: inspect },
  { method: "DELETE", pattern: "/networks/{id}", handler: remove },
  { method: "POST", pattern: "/networks/{id}/connect", handler: connect },
  { method: "POST", pattern: "/networks/{id}/disconnect", handler: disconnect },
];
