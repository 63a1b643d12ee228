/**
 * How memory-backend containers look through the API: inspect documents and list entries in
 * moby's shapes, with the backend made plain (runtime, graph driver data).
 *
 * @module
 */
import type { ContainerInspect, ContainerSummary } from "../core/container_types.ts";
import { humanDuration } from "../core/human_duration.ts";
import type { Container } from "./container.ts";
import { SANDBOX_RUNTIME } from "./create.ts";
import { mountPointsOf } from "./mounts.ts";

/** moby's `State.String()`: "Up 3 seconds", "Exited (1) 2 minutes ago", "Created". */
export function statusText(c: Container, now = Date.now()): string {
  const s = c.state;
  if (s.Running) {
    const up = `Up ${humanDuration(now - Date.parse(s.StartedAt))}`;
    if (s.Paused) return `${up} (Paused)`;
    if (!s.Health) return up;
    return `${up} (${s.Health.Status === "starting" ? "health: starting" : s.Health.Status})`;
  }
  if (s.Restarting) {
    return `Restarting (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
  }
  if (c.removing) return "Removal In Progress";
  if (s.Status === "created") return "Created";
  if (s.Status === "dead") return "Dead";
  return `Exited (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
}

function networkMode(c: Container): string {
  const mode = c.hostConfig.NetworkMode ?? "default";
  return mode === "default" ? "bridge" : mode;
}

export function inspectContainer(
  c: Container,
  size?: { SizeRw: number; SizeRootFs: number },
  /** From ./network_settings.ts; empty settings when not given. */
  networking?: Record<string, unknown>,
): ContainerInspect {
  return {
    Id: c.id,
    Created: c.created.toISOString(),
    Path: c.path,
    Args: c.args,
    State: { ...c.state, Status: c.removing ? "removing" : c.state.Status },
    Image: c.image.id,
    ResolvConfPath: "",
    HostnamePath: "",
    HostsPath: "",
    LogPath: "",
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: "sandbox-layers",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: c.execIds.size ? [...c.execIds] : null,
    HostConfig: { ...c.hostConfig, Runtime: c.hostConfig.Runtime || SANDBOX_RUNTIME },
    GraphDriver: { Name: "sandbox-layers", Data: { Backend: "memory" } },
    ...(size ?? {}),
    Mounts: mountPointsOf(c),
    Config: c.config,
    NetworkSettings: networking ?? {
      Bridge: "",
      SandboxID: "",
      SandboxKey: "",
      Ports: {},
      HairpinMode: false,
      LinkLocalIPv6Address: "",
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: "",
      Gateway: "",
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      IPAddress: "",
      IPPrefixLen: 0,
      IPv6Gateway: "",
      MacAddress: "",
      Networks: {},
    },
  };
}

export function summarizeContainer(
  c: Container,
  size?: { SizeRw: number; SizeRootFs: number },
  /** From ./network_settings.ts; no networks or ports when not given. */
  networking: { Networks: Record<string, unknown>; Ports?: ContainerSummary["Ports"] } = {
    Networks: {},
  },
): ContainerSummary {
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.image.name,
    ImageID: c.image.id,
    Command: [c.path, ...c.args].join(" "),
    Created: Math.floor(c.created.getTime() / 1000),
    Ports: networking.Ports ?? [],
    ...(size ?? {}),
    Labels: c.config.Labels ?? {},
    State: c.removing ? "removing" : c.state.Status,
    Status: statusText(c),
    HostConfig: { NetworkMode: networkMode(c) },
    NetworkSettings: { Networks: networking.Networks },
    Mounts: mountPointsOf(c),
  };
}
