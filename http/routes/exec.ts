/**
 * Exec routes: create, start (hijacked or detached), inspect.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import type { ExecCreateBody } from "../../backends/core/protocol.ts";
import { jsonResponse, readJson } from "../json.ts";
import type { Route, RouteContext } from "../router.ts";
import { hijackStreams } from "../streams.ts";

async function create(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await readJson<ExecCreateBody>(req);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter("exec config cannot be empty");
  }
  return jsonResponse(await ctx.backend.call("exec.create", { id: ctx.params.id, body }), 201);
}

async function start(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await readJson<{ Detach?: boolean; Tty?: boolean }>(req) ?? {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter("exec start config must be a JSON object");
  }
  const streams = await ctx.backend.call("exec.start", {
    id: ctx.params.id,
    detach: Boolean(body.Detach),
    tty: Boolean(body.Tty),
  });
  if (!streams) return new Response(null, { status: 200, headers: { "Content-Length": "0" } });
  return hijackStreams(streams, ctx.apiVersion);
}

async function inspect(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("exec.inspect", { id: ctx.params.id }));
}

export const execRoutes: Route[] = [
  { method: "POST", pattern: "/containers/{id}/exec", handler: create },
  { method: "POST", pattern: "/exec/{id}/start", handler: start },
  { method: "GET", pattern: "/exec/{id}/json", handler: inspect },
];
