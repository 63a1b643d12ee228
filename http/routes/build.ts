/**
 * `POST /build` for the classic builder (moby `router/build`): the body is the context tar
 * (plain or gzip), the query names tags, Dockerfile, build arguments, labels and target. The
 * BuildKit protocol (`version=2`, `/session`) is not served: the docker CLI uses the classic
 * builder with `DOCKER_BUILDKIT=0`.
 *
 * @module
 */
import { InvalidParameter, NotImplemented } from "../../backends/core/errors.ts";
import type { BuildOptions } from "../../backends/core/protocol_image_build.ts";
import { decodeRegistryAuth, type RegistryCredentials } from "../../backends/core/registry/mod.ts";
import { jsonResponse } from "../json.ts";
import { boolParam, intParam, stringParam } from "../query.ts";
import type { Route, RouteContext } from "../router.ts";

function jsonParam<T>(url: URL, name: string): T | undefined {
  const raw = url.searchParams.get(name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch (error) {
    throw new InvalidParameter(`invalid ${name} parameter: ${(error as Error).message}`);
  }
}

/** The query as {@link BuildOptions}; refuses what the classic builder here cannot do. */
export function buildOptions(url: URL, daemonBackend: string): BuildOptions {
  if (stringParam(url, "version") === "2") {
    throw new NotImplemented(
      `BuildKit builds are not supported by the ${daemonBackend} backend: ` +
        "use the classic builder (DOCKER_BUILDKIT=0 docker build …)",
    );
  }
  const refuse = (what: string) => {
    throw new NotImplemented(
      `docker build ${what} is not supported by the ${daemonBackend} backend`,
    );
  };
  if (boolParam(url, "squash")) refuse("--squash");
  if ((jsonParam<string[]>(url, "cachefrom") ?? []).length) refuse("--cache-from");
  if ((intParam(url, "memory") ?? 0) > 0) refuse("--memory");
  if ((intParam(url, "cpuquota") ?? 0) > 0) refuse("--cpu-quota");
  const buildArgs = jsonParam<Record<string, string | null>>(url, "buildargs") ?? {};
  const labels = jsonParam<Record<string, string>>(url, "labels") ?? {};
  if (typeof buildArgs !== "object" || Array.isArray(buildArgs)) {
    throw new InvalidParameter("buildargs must be a JSON object");
  }
  const pull = url.searchParams.get("pull");
  return {
    dockerfile: stringParam(url, "dockerfile") || "Dockerfile",
    tags: url.searchParams.getAll("t").filter((t) => t !== ""),
    buildArgs,
    labels,
    target: stringParam(url, "target") || undefined,
    nocache: boolParam(url, "nocache"),
    pull: pull !== null && pull !== "" && pull !== "0" && pull !== "false",
    quiet: boolParam(url, "q"),
    rm: boolParam(url, "rm", true),
    remote: stringParam(url, "remote") || undefined,
    platform: stringParam(url, "platform") || undefined,
  };
}

/**
 * `X-Registry-Config`: base64url JSON of registry → auth config, as the docker CLI sends every
 * credential it has so the builder can pull FROM images.
 */
export function registryConfig(
  header: string | null,
): Record<string, RegistryCredentials> | undefined {
  if (!header) return undefined;
  let map: unknown;
  try {
    const base64 = header.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    map = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))),
    );
  } catch (error) {
    throw new InvalidParameter(`invalid X-Registry-Config header: ${(error as Error).message}`);
  }
  if (typeof map !== "object" || map === null) {
    throw new InvalidParameter("invalid X-Registry-Config header: not a JSON object");
  }
  const credentials: Record<string, RegistryCredentials> = {};
  for (const [registry, auth] of Object.entries(map)) {
    // Each entry is an X-Registry-Auth object; decode it the same way (`auth` → user/password).
    const bytes = new TextEncoder().encode(JSON.stringify(auth));
    const encoded = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
    const decoded = decodeRegistryAuth(encoded);
    if (decoded) credentials[registry] = decoded;
  }
  return credentials;
}

async function build(req: Request, ctx: RouteContext): Promise<Response> {
  const options = {
    ...buildOptions(ctx.url, ctx.daemon.backend),
    registryAuth: registryConfig(req.headers.get("x-registry-config")),
  };
  const context = options.remote ? null : req.body;
  const body = await ctx.backend.call("image.build", { context, options }, {
    signal: ctx.signal,
    transfer: context ? [context] : [],
  });
  return new Response(body.pipeThrough(new TransformStream(), { signal: ctx.signal }), {
    headers: { "Content-Type": "application/json" },
  });
}

async function pruneCache(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("image.buildPrune", {}, { signal: ctx.signal }));
}

export const buildRoutes: Route[] = [
  { method: "POST", pattern: "/build", handler: build },
  { method: "POST", pattern: "/build/prune", handler: pruneCache },
];
