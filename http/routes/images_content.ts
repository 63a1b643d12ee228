/**
 * Image content routes (moby `router/image` and `router/container` commit): push, save (one or
 * many), load, import (`POST /images/create?fromSrc=`, reached through ./images.ts), commit,
 * prune and search.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { parseFilters } from "../../backends/core/filters.ts";
import type { ContainerConfig } from "../../backends/core/container_types.ts";
import { decodeRegistryAuth } from "../../backends/core/registry/mod.ts";
import { jsonResponse, readJson } from "../json.ts";
import { boolParam, intParam, stringParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";

const jsonStream = (body: ReadableStream<Uint8Array>, ctx: RouteContext) =>
  new Response(body.pipeThrough(new TransformStream(), { signal: ctx.signal }), {
    headers: { "Content-Type": "application/json" },
  });

const emptyBody = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });

function credentialsOf(req: Request) {
  try {
    return decodeRegistryAuth(req.headers.get("x-registry-auth"));
  } catch (error) {
    throw new InvalidParameter(`invalid X-Registry-Auth header: ${(error as Error).message}`);
  }
}

async function push(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await ctx.backend.call("image.push", {
    name: ctx.params.name,
    tag: stringParam(ctx.url, "tag"),
    credentials: credentialsOf(req),
  }, { signal: ctx.signal });
  return jsonStream(body, ctx);
}

async function save(names: string[], ctx: RouteContext): Promise<Response> {
  const tar = await ctx.backend.call("image.save", { names }, { signal: ctx.signal });
  return new Response(tar.pipeThrough(new TransformStream(), { signal: ctx.signal }), {
    headers: { "Content-Type": "application/x-tar" },
  });
}

async function load(req: Request, ctx: RouteContext): Promise<Response> {
  const archive = req.body ?? emptyBody();
  const body = await ctx.backend.call("image.load", {
    archive,
    quiet: boolParam(ctx.url, "quiet"),
  }, { signal: ctx.signal, transfer: [archive] });
  return jsonStream(body, ctx);
}

/** `POST /images/create?fromSrc=…` (docker import); ./images.ts hands it here. */
export async function importImage(req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  const fromSrc = stringParam(q, "fromSrc")!;
  const source = fromSrc === "-" ? (req.body ?? emptyBody()) : fromSrc;
  const body = await ctx.backend.call("image.import", {
    source,
    repo: stringParam(q, "repo"),
    tag: stringParam(q, "tag"),
    changes: q.searchParams.getAll("changes"),
    message: stringParam(q, "message"),
    platform: stringParam(q, "platform"),
  }, { signal: ctx.signal, transfer: typeof source === "string" ? [] : [source] });
  return jsonStream(body, ctx);
}

async function commit(req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  const container = stringParam(q, "container");
  if (!container) throw new InvalidParameter("container must be given");
  const config = await readJson<ContainerConfig | null>(req);
  const reply = await ctx.backend.call("image.commit", {
    container,
    repo: stringParam(q, "repo"),
    tag: stringParam(q, "tag"),
    comment: stringParam(q, "comment"),
    author: stringParam(q, "author"),
    changes: q.searchParams.getAll("changes"),
    config: config ?? undefined,
  }, { signal: ctx.signal });
  return jsonResponse(reply, 201);
}

async function prune(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(
    await ctx.backend.call("image.prune", {
      filters: parseFilters(ctx.url.searchParams.get("filters")),
    }, { signal: ctx.signal }),
  );
}

async function search(_req: Request, ctx: RouteContext): Promise<Response> {
  const term = stringParam(ctx.url, "term");
  if (!term) throw new InvalidParameter("term must be given");
  return jsonResponse(
    await ctx.backend.call("image.search", {
      term,
      limit: intParam(ctx.url, "limit"),
      filters: parseFilters(ctx.url.searchParams.get("filters")),
    }, { signal: ctx.signal }),
  );
}

export const imageContentRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/images/get",
    handler: (_r, ctx) => save(ctx.url.searchParams.getAll("names"), ctx),
  },
  { method: "GET", pattern: "/images/search", handler: search },
  { method: "POST", pattern: "/images/load", handler: load },
  { method: "POST", pattern: "/images/prune", handler: prune },
  { method: "POST", pattern: "/commit", handler: commit },
  { method: "POST", pattern: "/images/{name*}/push", handler: push },
  {
    method: "GET",
    pattern: "/images/{name*}/get",
    handler: (_r, ctx) => save([ctx.params.name], ctx),
  },
];
