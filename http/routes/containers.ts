/**
 * Container routes (moby `daemon/server/router/container`): create, list, inspect, lifecycle,
 * wait, attach, logs, remove and rename. Query parameters are decoded at the top of each
 * handler; the backend does the rest.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { parseFilters } from "../../backends/core/filters.ts";
import type { ContainerCreateBody } from "../../backends/core/container_types.ts";
import type { WaitCondition } from "../../backends/core/protocol.ts";
import { jsonResponse, readJson } from "../json.ts";
import { encodeOutput } from "../output_encoding.ts";
import { boolParam, intParam, stringParam, timeParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";
import { hijackStreams } from "../streams.ts";

const noContent = () => new Response(null, { status: 204 });

async function create(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await readJson<ContainerCreateBody>(req);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter("config cannot be empty in order to create a container");
  }
  const name = stringParam(ctx.url, "name");
  return jsonResponse(await ctx.backend.call("container.create", { name, body }), 201);
}

async function list(_req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  return jsonResponse(
    await ctx.backend.call("container.list", {
      all: boolParam(q, "all"),
      limit: intParam(q, "limit"),
      size: boolParam(q, "size"),
      filters: parseFilters(q.searchParams.get("filters")),
    }),
  );
}

async function inspect(_req: Request, ctx: RouteContext): Promise<Response> {
  const reply = await ctx.backend.call("container.inspect", {
    id: ctx.params.id,
    size: boolParam(ctx.url, "size"),
  });
  return jsonResponse(reply);
}

async function start(req: Request, ctx: RouteContext): Promise<Response> {
  const body = await readJson<Record<string, unknown>>(req);
  if (body && Object.keys(body).length > 0) {
    throw new InvalidParameter(
      "starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24",
    );
  }
  await ctx.backend.call("container.start", { id: ctx.params.id });
  return noContent();
}

function stopOptions(ctx: RouteContext) {
  return {
    id: ctx.params.id,
    signal: stringParam(ctx.url, "signal"),
    timeout: intParam(ctx.url, "t") ?? intParam(ctx.url, "timeout"),
  };
}

async function stop(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.stop", stopOptions(ctx));
  return noContent();
}

async function restart(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.restart", stopOptions(ctx));
  return noContent();
}

async function kill(_req: Request, ctx: RouteContext): Promise<Response> {
  const signal = stringParam(ctx.url, "signal") ?? "SIGKILL";
  await ctx.backend.call("container.kill", { id: ctx.params.id, signal });
  return noContent();
}

const conditions = ["not-running", "next-exit", "removed"];

async function wait(_req: Request, ctx: RouteContext): Promise<Response> {
  const condition = stringParam(ctx.url, "condition") ?? "not-running";
  if (!conditions.includes(condition)) {
    throw new InvalidParameter(`invalid condition: "${condition}"`);
  }
  const result = await ctx.backend.call("container.wait", {
    id: ctx.params.id,
    condition: condition as WaitCondition,
  });
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(JSON.stringify(value) + "\n");
  // Headers go out at once (the docker CLI starts the container only after it sees them), so a
  // wait that fails later says so in the body, as moby does, instead of dropping the connection
  // (which the CLI reports as "unexpected EOF").
  const reader = result.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) return controller.close();
        controller.enqueue(line(value));
      } catch (error) {
        controller.enqueue(line({ StatusCode: -1, Error: { Message: (error as Error).message } }));
        controller.close();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, { headers: { "Content-Type": "application/json" } });
}

async function attach(_req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  const streams = await ctx.backend.call("container.attach", {
    id: ctx.params.id,
    stdin: boolParam(q, "stdin"),
    stdout: boolParam(q, "stdout"),
    stderr: boolParam(q, "stderr"),
    logs: boolParam(q, "logs"),
    stream: boolParam(q, "stream"),
  });
  return hijackStreams(streams, ctx.apiVersion);
}

async function logs(_req: Request, ctx: RouteContext): Promise<Response> {
  const q = ctx.url;
  const tailRaw = stringParam(q, "tail");
  let tail: number | undefined;
  if (tailRaw !== undefined && tailRaw !== "all") {
    if (!/^-?\d+$/.test(tailRaw)) throw new InvalidParameter(`invalid value for tail: ${tailRaw}`);
    tail = Number(tailRaw) < 0 ? undefined : Number(tailRaw);
  }
  const streams = await ctx.backend.call("container.logs", {
    id: ctx.params.id,
    follow: boolParam(q, "follow"),
    stdout: boolParam(q, "stdout"),
    stderr: boolParam(q, "stderr"),
    sinceMs: timeParam(q, "since") || undefined,
    untilMs: timeParam(q, "until") || undefined,
    tail,
  });
  const body = streams.output.pipeThrough(
    encodeOutput(streams.tty, { timestamps: boolParam(q, "timestamps") }),
    { signal: ctx.signal },
  );
  const type = streams.tty
    ? "application/vnd.docker.raw-stream"
    : "application/vnd.docker.multiplexed-stream";
  return new Response(body, { headers: { "Content-Type": type } });
}

async function remove(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.remove", {
    id: ctx.params.id,
    force: boolParam(ctx.url, "force"),
    volumes: boolParam(ctx.url, "v"),
    link: boolParam(ctx.url, "link"),
  });
  return noContent();
}

async function rename(_req: Request, ctx: RouteContext): Promise<Response> {
  await ctx.backend.call("container.rename", {
    id: ctx.params.id,
    name: ctx.url.searchParams.get("name") ?? "",
  });
  return noContent();
}

export const containerRoutes: Route[] = [
  { method: "POST", pattern: "/containers/create", handler: create },
  { method: "GET", pattern: "/containers/json", handler: list },
  { method: "GET", pattern: "/containers/{id}/json", handler: inspect },
  { method: "POST", pattern: "/containers/{id}/start", handler: start },
  { method: "POST", pattern: "/containers/{id}/stop", handler: stop },
  { method: "POST", pattern: "/containers/{id}/restart", handler: restart },
  { method: "POST", pattern: "/containers/{id}/kill", handler: kill },
  { method: "POST", pattern: "/containers/{id}/wait", handler: wait },
  { method: "POST", pattern: "/containers/{id}/attach", handler: attach },
  { method: "GET", pattern: "/containers/{id}/logs", handler: logs },
  { method: "DELETE", pattern: "/containers/{id}", handler: remove },
  { method: "POST", pattern: "/containers/{id}/rename", handler: rename },
];
