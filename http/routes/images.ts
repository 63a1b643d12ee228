/**
 * Image routes (moby `daemon/server/router/image`): pull, list, inspect, history, tag, remove.
 * Image names contain slashes, so the name is a greedy path parameter.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { parseFilters } from "../../backends/core/filters.ts";
import { decodeRegistryAuth } from "../../backends/core/registry/mod.ts";
import { jsonResponse } from "../json.ts";
import { importImage } from "./images_content.ts";
import { boolParam, stringParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";

async function pull(req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  if (stringParam(q, "fromSrc") !== undefined) return await importImage(req, ctx);
  const image = stringParam(q, "fromImage");
  if (!image) throw new InvalidParameter("fromImage or fromSrc must be given");
  const tag = stringParam(q, "tag");
  // The CLI sends the digest or tag separately; a tag that is a digest joins with "@".
  const name = tag ? (tag.startsWith("sha256:") ? `${image}@${tag}` : `${image}:${tag}`) : image;
  let credentials;
  try {
    credentials = decodeRegistryAuth(req.headers.get("x-registry-auth"));
  } catch (error) {
    throw new InvalidParameter(`invalid X-Registry-Auth header: ${(error as Error).message}`);
  }
  const progress = await ctx.backend.call("image.pull", {
    name,
    platform: stringParam(q, "platform"),
    credentials,
  });
  const encoder = new TextEncoder();
  const body = progress.pipeThrough(
    new TransformStream({
      transform: (m, controller) => controller.enqueue(encoder.encode(JSON.stringify(m) + "\r\n")),
    }),
    { signal: ctx.signal },
  );
  return new Response(body, { headers: { "Content-Type": "application/json" } });
}

async function list(_req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  return jsonResponse(
    await ctx.backend.call("image.list", {
      all: boolParam(q, "all"),
      digests: boolParam(q, "digests"),
      filters: parseFilters(q.searchParams.get("filters")),
    }),
  );
}

async function inspect(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("image.inspect", { name: ctx.params.name }));
}

async function history(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("image.history", { name: ctx.params.name }));
}

async function tag(_req: Request, ctx: RouteContext): Promise<Response> {
  const repo = stringParam(ctx.url, "repo");
  if (!repo) throw new InvalidParameter("repository name (repo) must be given");
  await ctx.backend.call("image.tag", {
    name: ctx.params.name,
    repo,
    tag: stringParam(ctx.url, "tag"),
  });
  return new Response(null, { status: 201, headers: { "Content-Length": "0" } });
}

async function remove(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(
    await ctx.backend.call("image.remove", {
      name: ctx.params.name,
      force: boolParam(ctx.url, "force"),
      noprune: boolParam(ctx.url, "noprune"),
    }),
  );
}

export const imageRoutes: Route[] = [
  { method: "POST", pattern: "/images/create", handler: pull },
  { method: "GET", pattern: "/images/json", handler: list },
  { method: "GET", pattern: "/images/{name*}/json", handler: inspect },
  { method: "GET", pattern: "/images/{name*}/history", handler: history },
  { method: "POST", pattern: "/images/{name*}/tag", handler: tag },
  { method: "DELETE", pattern: "/images/{name*}", handler: remove },
];
