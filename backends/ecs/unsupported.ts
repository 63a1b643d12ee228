/**
 * Every Docker call ECS cannot honour, with the reason, answered 501 naming the ecs backend. The
 * table's type lists every call the ecs handlers leave out, so a new protocol call fails
 * `deno check` here until someone decides what ECS does with it.
 *
 * @module
 */
import { NotImplemented } from "../core/errors.ts";
import type { BackendCallName, BackendHandlers } from "../core/protocol.ts";

export type SupportedCall =
  | "system.info"
  | "system.df"
  | "system.events"
  | "container.create"
  | "container.list"
  | "container.inspect"
  | "container.start"
  | "container.stop"
  | "container.kill"
  | "container.wait"
  | "container.attach"
  | "container.logs"
  | "container.remove"
  | "exec.create"
  | "exec.start"
  | "exec.inspect"
  | "image.pull";

const NO_FS = "ECS gives no access to a task's filesystem";
const NO_REGISTRY = "the ecs backend keeps no image store (ECS pulls images itself)";
const NO_BUILD = "ECS runs images; it does not build, commit or load them";
const NO_NETWORKS = "docker networks are not mapped onto ECS (no security groups or Cloud Map)";
const NO_VOLUMES = "docker volumes are not mapped onto ECS (no EFS access points)";

const reasons: Record<Exclude<BackendCallName, SupportedCall>, string> = {
  "container.restart": "restart is not mapped onto ECS tasks yet (stop, then start)",
  "container.rename": "renaming would have to retag every task; not done",
  "container.archiveStat": NO_FS,
  "container.archiveGet": NO_FS,
  "container.archivePut": NO_FS,
  "container.export": NO_FS,
  "container.changes": NO_FS,
  "container.top": "ECS reports no process table for a task",
  "container.stats": "ECS stats come from Container Insights, which is not read",
  "container.pause": "Fargate tasks cannot be paused",
  "container.unpause": "Fargate tasks cannot be paused",
  "container.update": "a running task's resources cannot be changed",
  "container.resize": "Fargate tasks have no TTY",
  "exec.resize": "exec sessions through the task's agent have no TTY",
  "container.prune": "prune is not implemented for ECS tasks",
  "image.list": NO_REGISTRY,
  "image.inspect": NO_REGISTRY,
  "image.history": NO_REGISTRY,
  "image.tag": NO_REGISTRY,
  "image.remove": NO_REGISTRY,
  "image.push": NO_REGISTRY,
  "image.save": NO_REGISTRY,
  "image.load": NO_BUILD,
  "image.import": NO_BUILD,
  "image.commit": NO_BUILD,
  "image.prune": NO_REGISTRY,
  "image.search": NO_REGISTRY,
  "image.build": NO_BUILD,
  "image.buildPrune": NO_BUILD,
  "system.auth": "registry logins are ECS's (task execution role), not the daemon's",
  "network.create": NO_NETWORKS,
  "network.list": NO_NETWORKS,
  "network.inspect": NO_NETWORKS,
  "network.remove": NO_NETWORKS,
  "network.prune": NO_NETWORKS,
  "network.connect": NO_NETWORKS,
  "network.disconnect": NO_NETWORKS,
  "volume.create": NO_VOLUMES,
  "volume.list": NO_VOLUMES,
  "volume.inspect": NO_VOLUMES,
  "volume.remove": NO_VOLUMES,
  "volume.prune": NO_VOLUMES,
};

/** Handlers that refuse, each naming the backend, the call and why. */
export function unsupportedHandlers(): Omit<BackendHandlers, SupportedCall> {
  return Object.fromEntries(
    Object.entries(reasons).map(([call, reason]) => [call, () => {
      throw new NotImplemented(`ecs backend cannot do ${call}: ${reason}`);
    }]),
  ) as unknown as Omit<BackendHandlers, SupportedCall>;
}
