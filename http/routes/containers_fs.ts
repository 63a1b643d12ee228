/**
 * A container's filesystem through the API (moby `router/container/copy.go`): archive HEAD, GET
 * and PUT for `docker cp`, `export` and `changes`. The path stat travels base64-encoded JSON in
 * `X-Docker-Container-Path-Stat`, as the docker CLI reads it.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import type { ContainerPathStat } from "../../backends/core/protocol_container_fs.ts";
import { fixedResponse } from "../fixed_response.ts";
import { jsonResponse } from "../json.ts";
import { boolParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";

export const PATH_STAT_HEADER = "X-Docker-Container-Path-Stat";

/** The header value: base64 of the stat's JSON (UTF-8). */
export function encodePathStat(stat: ContainerPathStat): string {
  const bytes = new TextEncoder().encode(JSON.stringify(stat));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `path` parameter; moby refuses an empty one ("path" is required). */
function archivePath(ctx: RouteContext): string {
  const path = ctx.url.searchParams.get("path");
  if (!path) throw new InvalidParameter("Path cannot be empty");
  return path;
}

async function stat(_req: Request, ctx: RouteContext): Promise<Response> {
  const reply = await ctx.backend.call("container.archiveStat", {
    id: ctx.params.id,
    path: archivePath(ctx),
  }, { signal: ctx.signal });
  return fixedResponse(new Uint8Array(), 200, "text/plain; charset=utf-8", {
    [PATH_STAT_HEADER]: encodePathStat(reply),
  });
}

async function get(_req: Request, ctx: RouteContext): Promise<Response> {
  const reply = await ctx.backend.call("container.archiveGet", {
    id: ctx.params.id,
    path: archivePath(ctx),
  }, { signal: ctx.signal });
  return new Response(reply.tar.pipeThrough(new TransformStream(), { signal: ctx.signal }), {
    headers: {
      "Content-Type": "application/x-tar",
      [PATH_STAT_HEADER]: encodePathStat(reply.stat),
    },
  });
}

async function put(req: Request, ctx: RouteContext): Promise<Response> {
  const path = archivePath(ctx);
  const tar = req.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  await ctx.backend.call("container.archivePut", {
    id: ctx.params.id,
    path,
    tar,
    noOverwriteDirNonDir: boolParam(ctx.url, "noOverwriteDirNonDir"),
    copyUIDGID: boolParam(ctx.url, "copyUIDGID"),
  }, { signal: ctx.signal, transfer: [tar] });
  return fixedResponse(new Uint8Array(), 200, "text/plain; charset=utf-8");
}

async function exportContainer(_req: Request, ctx: RouteContext): Promise<Response> {
  const tar = await ctx.backend.call("container.export", { id: ctx.params.id }, {
    signal: ctx.signal,
  });
  return new Response(tar.pipeThrough(new TransformStream(), { signal: ctx.signal }), {
    headers: { "Content-Type": "application/x-tar" },
  });
}

async function changes(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(
    await ctx.backend.call("container.changes", { id: ctx.params.id }, { signal: ctx.signal }),
  );
}

export const containerFsRoutes: Route[] = [
  { method: "HEAD", pattern: "/containers/{id}/archive", handler: stat },
  { method: "GET", pattern: "/containers/{id}/archive", handler: get },
  { method: "PUT", pattern: "/containers/{id}/archive", handler: put },
  { method: "GET", pattern: "/containers/{id}/export", handler: exportContainer },
  { method: "GET", pattern: "/containers/{id}/changes", handler: changes },
];
