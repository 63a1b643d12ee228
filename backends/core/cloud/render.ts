/**
 * How a cloud backend's containers look through the Docker API: inspect and list entries in
 * moby's shapes, built from the create body the cloud resource carries and the run state the
 * backend reads. What differs per backend (driver, network mode, the cloud resource named in
 * GraphDriver, how the run state is read) comes in a {@link ContainerLook}.
 *
 * @module
 */
import type {
  ContainerCreateBody,
  ContainerInspect,
  ContainerState,
  ContainerSummary,
} from "../container_types.ts";
import { statusText } from "./container_state.ts";
import type { ContainerIdentity } from "./tags.ts";

/** A container as every cloud backend knows it: the identity its tags carry and its create body. */
export interface CloudContainer extends ContainerIdentity {
  body: ContainerCreateBody;
}

/** What a backend adds to make its containers look like Docker's. */
export interface ContainerLook<C extends CloudContainer> {
  /** Storage driver, runtime and GraphDriver name ("ecs-fargate", "lambda"). */
  driver: string;
  /** `HostConfig.NetworkMode` in list entries ("awsvpc", "none"). */
  networkMode: string;
  stateOf(c: C): ContainerState;
  /** The cloud resource behind the container, shown as `GraphDriver.Data`. */
  graphDriverData(c: C): Record<string, string> | null;
}

function _argv(c: CloudContainer): string[] {
  return [...(c.body.Entrypoint ?? []), ...(c.body.Cmd ?? [])];
}

export function inspectContainer<C extends CloudContainer>(
  c: C,
  look: ContainerLook<C>,
): ContainerInspect {
  const [path, ...args] = _argv(c);
  const { HostConfig, NetworkingConfig: _n, ...config } = c.body;
  return {
    Id: c.id,
    Created: new Date(c.created).toISOString(),
    Path: path,
    Args: args,
    State: look.stateOf(c),
    Image: c.image,
    ResolvConfPath: "",
    HostnamePath: "",
    HostsPath: "",
    LogPath: "",
    Name: `/${c.name}`,
    RestartCount: 0,
    Driver: look.driver,
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: { ...(HostConfig ?? {}), LogConfig: { Type: "awslogs", Config: {} } },
    GraphDriver: { Name: look.driver, Data: look.graphDriverData(c) },
    Mounts: [],
    Config: { ...config, Labels: config.Labels ?? {} },
    NetworkSettings: { Networks: {}, Ports: {} },
  };
}

export function summarizeContainer<C extends CloudContainer>(
  c: C,
  look: ContainerLook<C>,
): ContainerSummary {
  const state = look.stateOf(c);
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.image,
    ImageID: "",
    Command: _argv(c).join(" "),
    Created: Math.floor(c.created / 1000),
    Ports: [],
    Labels: c.body.Labels ?? {},
    State: state.Status,
    Status: statusText(state),
    HostConfig: { NetworkMode: look.networkMode },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}
