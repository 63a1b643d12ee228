/**
 * Lambda's restJson1 routes: `/2015-03-31/functions…` for functions and invocations and
 * `/2017-03-31/tags/{arn}` for tags. The CLI sends `GET /2015-03-31/functions/` (trailing slash)
 * where the SDK sends no slash; both list functions.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import { AwsError } from "../wire/errors.ts";
import { lambdaError } from "./errors.ts";
import {
  configuration,
  createFunction,
  deleteFunction,
  getFunction,
  listFunctions,
  requireFunction,
  tagResource,
  tagTarget,
  untagResource,
  updateFunctionConfiguration,
} from "./functions.ts";
import type { LambdaInvoker } from "./invoker.ts";
import { encodeBytes } from "../../../agent/protocol.ts";

/** True for paths this module serves. */
export function isLambdaPath(path: string): boolean {
  return path.startsWith("/2015-03-31/functions") || path.startsWith("/2017-03-31/tags/");
}

function _json(body: unknown, status = 200, requestId = ""): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
  });
}

function _parse(body: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder().decode(body);
  if (text.trim() === "") return {};
  try {
    const value = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new AwsError(
    "InvalidRequestContentException",
    "Could not parse request body into json: Could not parse payload into json",
    400,
  );
}

export async function serveLambda(
  req: Request,
  body: Uint8Array<ArrayBuffer>,
  ctx: AwsContext,
  invoker: LambdaInvoker,
): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname;
  const id = ctx.requestId;
  try {
    const tags = /^\/2017-03-31\/tags\/(.+)$/.exec(path);
    if (tags) {
      const arn = decodeURIComponent(tags[1]);
      if (req.method === "GET") return _json({ Tags: tagTarget(ctx, arn).Tags }, 200, id);
      if (req.method === "POST") {
        tagResource(_parse(body), ctx, arn);
        return new Response(null, { status: 204, headers: { "x-amzn-requestid": id } });
      }
      if (req.method === "DELETE") {
        untagResource(ctx, arn, url.searchParams.getAll("tagKeys"));
        return new Response(null, { status: 204, headers: { "x-amzn-requestid": id } });
      }
    }
    if (path === "/2015-03-31/functions" || path === "/2015-03-31/functions/") {
      if (req.method === "GET") return _json(listFunctions(ctx, url.searchParams), 200, id);
      if (req.method === "POST") {
        const { status, body: created } = await createFunction(_parse(body), ctx);
        return _json(created, status, id);
      }
    }
    const m = /^\/2015-03-31\/functions\/([^/]+)(\/configuration|\/invocations)?\/?$/.exec(path);
    if (m) {
      const name = decodeURIComponent(m[1]);
      const qualifier = url.searchParams.get("Qualifier");
      const ref = qualifier ? `${name}:${qualifier}` : name;
      switch (`${req.method} ${m[2] ?? ""}`) {
        case "GET ":
          return _json(getFunction(ctx, ref), 200, id);
        case "DELETE ":
          invoker.retire(requireFunction(ctx, ref));
          deleteFunction(ctx, ref);
          return new Response(null, { status: 204, headers: { "x-amzn-requestid": id } });
        case "GET /configuration":
          return _json(configuration(requireFunction(ctx, ref)), 200, id);
        case "PUT /configuration": {
          const fn = requireFunction(ctx, ref);
          const updated = updateFunctionConfiguration(_parse(body), ctx, ref);
          invoker.retire(fn);
          return _json(updated, 200, id);
        }
        case "POST /invocations":
          return await _invoke(req, body, ctx, invoker, ref);
      }
    }
    throw new AwsError("UnknownOperationException", `Unknown operation ${req.method} ${path}`, 404);
  } catch (e) {
    return lambdaError(e, id);
  }
}

async function _invoke(
  req: Request,
  body: Uint8Array<ArrayBuffer>,
  ctx: AwsContext,
  invoker: LambdaInvoker,
  ref: string,
): Promise<Response> {
  const fn = requireFunction(ctx, ref);
  const type = req.headers.get("x-amz-invocation-type") ?? "RequestResponse";
  if (body.length > 6 * 1024 * 1024) {
    throw new AwsError(
      "RequestTooLargeException",
      "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
      413,
    );
  }
  if (body.length > 0) {
    try {
      JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new AwsError(
        "InvalidRequestContentException",
        "Could not parse request body into json: Could not parse payload into json",
        400,
      );
    }
  }
  const headers = { "x-amzn-requestid": ctx.requestId, "x-amz-executed-version": "$LATEST" };
  if (type === "DryRun") return new Response(null, { status: 204, headers });
  if (type === "Event") {
    // Asynchronous invocation: accepted now, run in the background; failures only reach the logs.
    void invoker.invoke(fn, ctx.region, ctx.accountId, body, ctx.requestId);
    return new Response(null, { status: 202, headers });
  }
  if (type !== "RequestResponse") {
    throw new AwsError(
      "InvalidParameterValueException",
      `Unsupported invocation type ${type}`,
      400,
    );
  }
  const result = await invoker.invoke(fn, ctx.region, ctx.accountId, body);
  const out: Record<string, string> = { ...headers, "content-type": "application/json" };
  if (result.functionError) out["x-amz-function-error"] = result.functionError;
  if (req.headers.get("x-amz-log-type") === "Tail") {
    const group = ctx.world.state.logGroups[`${ctx.region}/${result.logGroup}`];
    const events = group?.streams[result.logStream]?.events ?? [];
    const tail = new TextEncoder().encode(events.map((e) => e.message + "\n").join("")).slice(
      -4096,
    );
    out["x-amz-log-result"] = encodeBytes(tail);
  }
  return new Response(result.payload.slice(), { status: 200, headers: out });
}
