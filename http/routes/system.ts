/**
 * System routes: `/_ping`, `/version`, `/info`, `/system/df` and `/events`
 * (moby `daemon/server/router/system`).
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import { EVENT_FILTER_KEYS, parseEventTime } from "../../backends/core/events.ts";
import { checkFilterKeys, parseFilters } from "../../backends/core/filters.ts";
import { jsonResponse, textResponse } from "../json.ts";
import type { Route, RouteContext } from "../router.ts";
import { API_VERSION, ENGINE_VERSION, MIN_API_VERSION, SOCKERLESS_VERSION } from "../version.ts";

const pingHeaders = {
  "Cache-Control": "no-cache, no-store, must-revalidate",
  "Pragma": "no-cache",
  // Only the classic builder (`POST /build`) exists; BuildKit sessions are not served.
  "Builder-Version": "1",
  "Swarm": "inactive",
};

function ping(req: Request): Response {
  const response = textResponse(req.method === "HEAD" ? "" : "OK", 200, pingHeaders);
  return response;
}

function version(_req: Request, ctx: RouteContext): Response {
  const d = ctx.daemon;
  const details = {
    ApiVersion: API_VERSION,
    Arch: d.architecture,
    BuildTime: "",
    Experimental: "false",
    GitCommit: `sockerless-${SOCKERLESS_VERSION}`,
    GoVersion: `deno${Deno.version.deno}`,
    KernelVersion: d.kernelVersion,
    MinAPIVersion: MIN_API_VERSION,
    Os: "linux",
  };
  return jsonResponse({
    Platform: { Name: `Sockerless ${SOCKERLESS_VERSION} (${d.backend} backend)` },
    Components: [
      { Name: "Engine", Version: ENGINE_VERSION, Details: details },
      { Name: "Sockerless", Version: SOCKERLESS_VERSION, Details: { Backend: d.backend } },
    ],
    Version: ENGINE_VERSION,
    ...details,
    // The top level carries a boolean where the component details carry a string.
    Experimental: false,
  });
}

async function info(_req: Request, ctx: RouteContext): Promise<Response> {
  const backend = await ctx.backend.call("system.info", {}, { signal: ctx.signal });
  const d = ctx.daemon;
  return jsonResponse({
    ID: d.id,
    Containers: backend.containers.total,
    ContainersRunning: backend.containers.running,
    ContainersPaused: backend.containers.paused,
    ContainersStopped: backend.containers.stopped,
    Images: backend.images,
    Driver: backend.driver,
    DriverStatus: backend.driverStatus,
    DockerRootDir: d.dataRoot,
    Plugins: backend.plugins,
    MemoryLimit: false,
    SwapLimit: false,
    CpuCfsPeriod: false,
    CpuCfsQuota: false,
    CPUShares: false,
    CPUSet: false,
    PidsLimit: false,
    OomKillDisable: false,
    IPv4Forwarding: false,
    BridgeNfIptables: false,
    BridgeNfIp6tables: false,
    Debug: false,
    NFd: 0,
    NGoroutines: 0,
    SystemTime: new Date().toISOString(),
    LoggingDriver: backend.loggingDriver,
    CgroupDriver: "none",
    CgroupVersion: "",
    NEventsListener: backend.eventListeners,
    KernelVersion: d.kernelVersion,
    OperatingSystem: d.operatingSystem,
    OSVersion: d.osVersion,
    OSType: "linux",
    Architecture: Deno.build.arch,
    IndexServerAddress: "https://index.docker.io/v1/",
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: [],
      AllowNondistributableArtifactsHostnames: [],
      InsecureRegistryCIDRs: ["127.0.0.0/8", "::1/128"],
      IndexConfigs: {
        "docker.io": { Name: "docker.io", Mirrors: [], Secure: true, Official: true },
        ...Object.fromEntries(
          d.insecureRegistries.map((name) => [
            name,
            { Name: name, Mirrors: [], Secure: false, Official: false },
          ]),
        ),
      },
      Mirrors: [],
    },
    NCPU: d.ncpu,
    MemTotal: d.memTotal,
    GenericResources: null,
    HttpProxy: "",
    HttpsProxy: "",
    NoProxy: "",
    Name: d.name,
    Labels: [`io.sockerless.backend=${d.backend}`],
    ExperimentalBuild: false,
    ServerVersion: ENGINE_VERSION,
    Runtimes: Object.fromEntries(backend.runtimes.map((r) => [r, { path: r }])),
    DefaultRuntime: backend.defaultRuntime,
    Swarm: {
      NodeID: "",
      NodeAddr: "",
      LocalNodeState: "inactive",
      ControlAvailable: false,
      Error: "",
      RemoteManagers: null,
    },
    LiveRestoreEnabled: false,
    Isolation: "",
    InitBinary: "",
    ContainerdCommit: { ID: "" },
    RuncCommit: { ID: "" },
    InitCommit: { ID: "" },
    SecurityOptions: [],
    ProductLicense: `Sockerless ${SOCKERLESS_VERSION}, ${backend.description}`,
    DefaultAddressPools: [],
    Warnings: backend.warnings,
  });
}

async function diskUsage(_req: Request, ctx: RouteContext): Promise<Response> {
  return jsonResponse(await ctx.backend.call("system.df", {}, { signal: ctx.signal }));
}

async function events(_req: Request, ctx: RouteContext): Promise<Response> {
  const query = ctx.url.searchParams;
  const filters = parseFilters(query.get("filters"));
  checkFilterKeys(filters, EVENT_FILTER_KEYS);
  const sinceNano = parseEventTime(query.get("since"));
  const untilNano = parseEventTime(query.get("until"));
  for (const [name, value] of [["since", sinceNano], ["until", untilNano]] as const) {
    if (Number.isNaN(value)) {
      throw new InvalidParameter(`invalid value for ${name}: ${JSON.stringify(query.get(name))}`);
    }
  }
  if (sinceNano !== undefined && untilNano !== undefined && untilNano < sinceNano) {
    throw new InvalidParameter("`since` time must be before `until` time");
  }
  const stream = await ctx.backend.call("system.events", {
    query: { filters, sinceNano, untilNano },
  }, { signal: ctx.signal });
  const encoder = new TextEncoder();
  const body = stream.pipeThrough(
    new TransformStream({
      transform: (event, controller) =>
        controller.enqueue(encoder.encode(JSON.stringify(event) + "\n")),
    }),
    { signal: ctx.signal },
  );
  return new Response(body, { headers: { "Content-Type": "application/json" } });
}

export const systemRoutes: Route[] = [
  { method: "GET", pattern: "/_ping", handler: ping, constant: true },
  { method: "HEAD", pattern: "/_ping", handler: ping, constant: true },
  { method: "GET", pattern: "/version", handler: version, constant: true },
  { method: "GET", pattern: "/info", handler: info },
  { method: "GET", pattern: "/system/df", handler: diskUsage },
  { method: "GET", pattern: "/events", handler: events },
];
