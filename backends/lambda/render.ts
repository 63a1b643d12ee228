/**
 * How Lambda containers look through the Docker API: inspect and list entries in moby's shapes,
 * built from the create body the function carries and the run state its tags and log give.
 *
 * @module
 */
import type { ContainerInspect, ContainerSummary } from "../core/container_types.ts";
import { humanDuration } from "../core/human_duration.ts";
import type { LambdaContainer } from "./directory.ts";
import { stateOf } from "./state.ts";

/** moby's `State.String()`: "Up 3 seconds", "Exited (1) 2 minutes ago", "Created". */
export function statusText(c: LambdaContainer, now = Date.now()): string {
  const s = stateOf(c);
  if (s.Running) return `Up ${humanDuration(now - Date.parse(s.StartedAt))}`;
  if (s.Status === "created") return "Created";
  return `Exited (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
}

function argv(c: LambdaContainer): string[] {
  return [...(c.body.Entrypoint ?? []), ...(c.body.Cmd ?? [])];
}

export function inspectContainer(c: LambdaContainer): ContainerInspect {
  const [path, ...args] = argv(c);
  const { HostConfig, NetworkingConfig: _n, ...config } = c.body;
  return {
    Id: c.id,
    Created: new Date(c.created).toISOString(),
    Path: path,
    Args: args,
    State: stateOf(c),
    Image: c.image,
    ResolvConfPath: "",
    HostnamePath: "",
    HostsPath: "",
    LogPath: "",
    Name: `/${c.name}`,
    RestartCount: 0,
    Driver: "lambda",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: { ...(HostConfig ?? {}), LogConfig: { Type: "awslogs", Config: {} } },
    GraphDriver: { Name: "lambda", Data: { FunctionArn: c.functionArn } },
    Mounts: [],
    Config: { ...config, Labels: config.Labels ?? {} },
    NetworkSettings: { Networks: {}, Ports: {} },
  };
}

export function summarizeContainer(c: LambdaContainer): ContainerSummary {
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.image,
    ImageID: "",
    Command: argv(c).join(" "),
    Created: Math.floor(c.created / 1000),
    Ports: [],
    Labels: c.body.Labels ?? {},
    State: stateOf(c).Status,
    Status: statusText(c),
    HostConfig: { NetworkMode: "none" },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}
