/**
 * The remaining container routes (moby `router/container`): top, stats, pause, unpause, update,
 * resize (container and exec) and prune. Query parameters are decoded at the top of each
 * handler; the backend does the rest.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { parseFilters } from "../../backends/core/filters.ts";
import type { ContainerUpdateBody } from "../../backends/core/protocol_container_fs.ts";
import { jsonResponse, readJson } from "../json.ts";
import { boolParam, intParam, stringParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";

const noContent = () => new Response(null, { status: 204 });
const encoder = new TextEncoder();

async function top(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(
    await ctx.backend.call("container.top", {
      id: ctx.params.id,
      psArgs: stringParam(ctx.url, "ps_args"),
    }, { signal: ctx.signal }),
  );
}

async function stats(_req: Request, ctx: RouteContext): Promise<Response> {
  const stream = await ctx.backend.call("container.stats", {
    id: ctx.params.id,
    // moby streams unless told otherwise.
    stream: boolParam(ctx.url, "stream", true),
    oneShot: boolParam(ctx.url, "one-shot"),
  }, { signal: ctx.signal });
  const body = stream.pipeThrough(
    new TransformStream({
      transform: (sample, controller) =>
        controller.enqueue(encoder.encode(JSON.stringify(sample) + "\n")),
    }),
    { signal: ctx.signal },
  );
  return new Response(body, { headers: { "Content-Type": "application/json" } });
}

async function pause(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.pause", { id: ctx.params.id });
  return noContent();
}

async function unpause(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.unpause", { id: ctx.params.id });
  return noContent();
}

async function update(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await readJson<ContainerUpdateBody>(req);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter("update config must be a JSON object");
  }
  return jsonResponse(await ctx.backend.call("container.update", { id: ctx.params.id, body }));
}

/** `h` and `w` as moby reads them: both required integers. */
function terminalSize(ctx: RouteContext): { height: number; width: number } {
  const height = intParam(ctx.url, "h");
  const width = intParam(ctx.url, "w");
  if (height === undefined || width === undefined) {
    throw new InvalidParameter("resize requires integer h and w query parameters");
  }
  return { height, width };
}

async function resize(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.resize", { id: ctx.params.id, ...terminalSize(ctx) });
  return new Response(null, { status: 200, headers: { "Content-Length": "0" } });
}

async function resizeExec(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("exec.resize", { id: ctx.params.id, ...terminalSize(ctx) });
  return new Response(null, { status: 200, headers: { "Content-Length": "0" } });
}

async function prune(_req: Request, ctx: RouteContext): Promise<Response> {
  const filters = parseFilters(ctx.url.searchParams.get("filters"));
  return jsonResponse(await ctx.backend.call("container.prune", { filters }));
}

export const containerMiscRoutes: Route[] = [
  { method: "GET", pattern: "/containers/{id}/top", handler: top },
  { method: "GET", pattern: "/containers/{id}/stats", handler: stats },
  { method: "POST", pattern: "/containers/{id}/pause", handler: pause },
  { method: "POST", pattern: "/containers/{id}/unpause", handler: unpause },
  { method: "POST", pattern: "/containers/{id}/update", handler: update },
  { method: "POST", pattern: "/containers/{id}/resize", handler: resize },
  { method: "POST", pattern: "/exec/{id}/resize", handler: resizeExec },
  { method: "POST", pattern: "/containers/prune", handler: prune },
];
