/**
 * Every Docker call a serverless backend (ECS tasks, Lambda functions) cannot honour, answered
 * 501 naming the backend, the call and why. The calls come in families (filesystem, image store,
 * builds, networks, volumes…) whose reasons each backend words for its cloud. The table's type
 * lists every call a cloud backend's handlers leave out, so a new protocol call fails
 * `deno check` here until someone decides what the cloud backends do with it.
 *
 * @module
 */
import { NotImplemented } from "../errors.ts";
import type { BackendCallName, BackendHandlers } from "../protocol.ts";
import type { CloudCall } from "./cloud_calls.ts";

/** Why the backend's cloud cannot do each family of calls, in its own words. */
export interface ServerlessLimits {
  /** No access to the workload's filesystem (cp, export, diff). */
  filesystem: string;
  /** No image store here: the cloud pulls images itself. */
  imageStore: string;
  /** The cloud runs images; it does not build, commit or load them. */
  imageBuild: string;
  networks: string;
  volumes: string;
  restart: string;
  rename: string;
  top: string;
  stats: string;
  /** pause and unpause. */
  pause: string;
  update: string;
  /** `container.resize`: no TTY. */
  resize: string;
  /** `exec.resize`: exec sessions through the agent have no TTY. */
  execResize: string;
  prune: string;
  /** Registry logins belong to the cloud's roles. */
  login: string;
}

type Refused = Exclude<BackendCallName, CloudCall>;

const FAMILY: Record<Refused, keyof ServerlessLimits> = {
  "container.restart": "restart",
  "container.rename": "rename",
  "container.archiveStat": "filesystem",
  "container.archiveGet": "filesystem",
  "container.archivePut": "filesystem",
  "container.export": "filesystem",
  "container.changes": "filesystem",
  "container.top": "top",
  "container.stats": "stats",
  "container.pause": "pause",
  "container.unpause": "pause",
  "container.update": "update",
  "container.resize": "resize",
  "exec.resize": "execResize",
  "container.prune": "prune",
  "image.list": "imageStore",
  "image.inspect": "imageStore",
  "image.history": "imageStore",
  "image.tag": "imageStore",
  "image.remove": "imageStore",
  "image.push": "imageStore",
  "image.save": "imageStore",
  "image.load": "imageBuild",
  "image.import": "imageBuild",
  "image.commit": "imageBuild",
  "image.prune": "imageStore",
  "image.search": "imageStore",
  "image.build": "imageBuild",
  "image.buildPrune": "imageBuild",
  "system.auth": "login",
  "network.create": "networks",
  "network.list": "networks",
  "network.inspect": "networks",
  "network.remove": "networks",
  "network.prune": "networks",
  "network.connect": "networks",
  "network.disconnect": "networks",
  "volume.create": "volumes",
  "volume.list": "volumes",
  "volume.inspect": "volumes",
  "volume.remove": "volumes",
  "volume.prune": "volumes",
};

/**
 * Handlers that refuse, each naming the backend, the call and why. "is not supported" is moby's
 * wording, and the docker CLI's generic `inspect` reads it as "try the next kind of object" (its
 * isErrSkippable), so `docker inspect <missing>` ends in "No such object" as with Docker.
 */
export function unsupportedHandlers(
  backend: string,
  limits: ServerlessLimits,
): Omit<BackendHandlers, CloudCall> {
  return Object.fromEntries(
    Object.entries(FAMILY).map(([call, family]) => [call, () => {
      throw new NotImplemented(`${backend} backend: ${call} is not supported: ${limits[family]}`);
    }]),
  ) as unknown as Omit<BackendHandlers, CloudCall>;
}
