/**
 * Volume routes (moby `daemon/server/router/volume`): list, create, inspect, remove, prune.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { parseFilters } from "../../backends/core/filters.ts";
import type { VolumeCreateBody } from "../../backends/core/protocol_volumes.ts";
import { jsonResponse, readJson } from "../json.ts";
import { boolParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";

async function list(_req: Request, ctx: RouteContext): Promise<Response> {
  const filters = parseFilters(ctx.url.searchParams.get("filters"));
  return jsonResponse(await ctx.backend.call("volume.list", { filters }, { signal: ctx.signal }));
}

async function create(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await readJson<VolumeCreateBody>(req) ?? {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter("invalid volume create request: expected a JSON object");
  }
  return jsonResponse(await ctx.backend.call("volume.create", { body }), 201);
}

async function inspect(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("volume.inspect", { name: ctx.params.name }));
}

async function remove(_req: Request, ctx: RouteContext): Promise<Response> {
  const force = boolParam(ctx.url, "force");
  await ctx.backend.call("volume.remove", { name: ctx.params.name, force });
  return new Response(null, { status: 204 });
}

async function prune(_req: Request, ctx: RouteContext): Promise<Response> {
  const filters = parseFilters(ctx.url.searchParams.get("filters"));
  return jsonResponse(await ctx.backend.call("volume.prune", { filters }));
}

export const volumeRoutes: Route[] = [
  { method: "GET", pattern: "/volumes", handler: list },
  { method: "POST", pattern: "/volumes/create", handler: create },
  { method: "POST", pattern: "/volumes/prune", handler: prune },
  { method: "GET", pattern: "/volumes/{name}", handler: inspect },
  { method: "DELETE", pattern: "/volumes/{name}", handler: remove },
];
