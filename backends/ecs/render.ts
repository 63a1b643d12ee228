/**
 * How ECS containers look through the Docker API: inspect and list entries in moby's shapes,
 * built from the create body the task definition carries and the task ECS describes.
 *
 * @module
 */
import type {
  ContainerInspect,
  ContainerState,
  ContainerSummary,
} from "../core/container_types.ts";
import { humanDuration } from "../core/human_duration.ts";
import type { EcsContainer } from "./directory.ts";
import { exitCodeOf, failureOf, isStopped } from "./state.ts";

const ZERO_TIME = "0001-01-01T00:00:00Z";

export function stateOf(c: EcsContainer): ContainerState {
  const t = c.task;
  const running = t !== undefined && !isStopped(t);
  const status = !t ? "created" : running ? "running" : "exited";
  return {
    Status: status,
    Running: running,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: running || !t ? 0 : exitCodeOf(t),
    Error: failureOf(t),
    StartedAt: (t?.startedAt ?? t?.createdAt)?.toISOString() ?? ZERO_TIME,
    FinishedAt: t?.stoppedAt?.toISOString() ?? ZERO_TIME,
  };
}

/** moby's `State.String()`: "Up 3 seconds", "Exited (1) 2 minutes ago", "Created". */
export function statusText(c: EcsContainer, now = Date.now()): string {
  const s = stateOf(c);
  if (s.Running) return `Up ${humanDuration(now - Date.parse(s.StartedAt))}`;
  if (s.Status === "created") return "Created";
  return `Exited (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
}

function argv(c: EcsContainer): string[] {
  return [...(c.body.Entrypoint ?? []), ...(c.body.Cmd ?? [])];
}

export function inspectContainer(c: EcsContainer): ContainerInspect {
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
    Driver: "ecs-fargate",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: { ...(HostConfig ?? {}), LogConfig: { Type: "awslogs", Config: {} } },
    GraphDriver: {
      Name: "ecs-fargate",
      Data: c.task ? { TaskArn: c.task.taskArn!, Cluster: c.task.clusterArn! } : null,
    },
    Mounts: [],
    Config: { ...config, Labels: config.Labels ?? {} },
    NetworkSettings: { Networks: {}, Ports: {} },
  };
}

export function summarizeContainer(c: EcsContainer): ContainerSummary {
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
    HostConfig: { NetworkMode: "awsvpc" },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}
