/**
 * The ecs backend: each container is an ECS Fargate task found again through its tags, so the
 * cloud is the only record; exec reaches the container through the agent each task dials back to
 * the endpoint this backend opens. This file opens that endpoint, assembles the handlers and, on
 * start, resumes the work a previous daemon left running (agents to let in again, auto-removal of
 * `--rm` tasks).
 *
 * @module
 */
import { awsAccessFromEnv, cloudHandlers } from "../core/cloud/mod.ts";
import { AGENT_ENV, openAgentEndpoint } from "../core/cloud_agent/mod.ts";
import { EventBus } from "../core/events.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import { EcsCloud } from "./cloud.ts";
import { createContainer } from "./create.ts";
import { ContainerDirectory } from "./directory.ts";
import { ecsExecs } from "./exec.ts";
import { pullImage } from "./images.ts";
import {
  killContainer,
  removeContainer,
  startContainer,
  stopContainer,
  watchAutoRemove,
} from "./lifecycle.ts";
import { attachContainer, containerLogs } from "./logs.ts";
import { ecsLook } from "./render.ts";
import type { EcsBackendOptions, EcsBackendState } from "./state.ts";
import { ecsAbout } from "./system.ts";
import { ECS_LIMITS } from "./unsupported.ts";
import { waitContainer } from "./wait.ts";

export type { EcsBackendOptions } from "./state.ts";

export async function createEcsBackend(options: EcsBackendOptions): Promise<BackendHandlers> {
  const cloud = new EcsCloud(awsAccessFromEnv("ecs", options.awsEndpoint));
  await cloud.ensureCluster();
  if (!options.ecsAgentPort) {
    throw new Error("ecs backend: no agent listener port was given (ecsAgentPort)");
  }
  const agents = openAgentEndpoint({
    backend: "ecs",
    port: options.ecsAgentPort,
    hostname: options.agentListen?.hostname,
    publicUrl: options.agentUrl,
  });
  const directory = new ContainerDirectory(cloud);
  const state: EcsBackendState = {
    options,
    cloud,
    directory,
    agents,
    events: new EventBus(),
    execs: ecsExecs(agents, directory),
    stdin: new Map(),
    starting: new Set(),
    replayAttach: new Set(),
    removedExits: new Map(),
    startFailures: new Map(),
  };
  // Recovery is a tag scan: agents of running tasks redial with the secret in their task
  // definition, and `--rm` containers a previous daemon started are still ours to remove.
  for (const c of await state.directory.all()) {
    const secret = c.environment?.[AGENT_ENV.secret];
    if (secret) agents.listener.register(c.id, secret);
    if (c.autoRemove && c.task) watchAutoRemove(state, c.id, c.task.taskArn!);
  }
  const backend = { about: ecsAbout(cloud.access), limits: ECS_LIMITS, look: ecsLook, ...state };
  return cloudHandlers(backend, {
    "container.create": (r) => createContainer(state, r),
    "container.start": ({ id }) => startContainer(state, id),
    // StopTask takes no grace period: the task definition's stopTimeout (from --stop-timeout,
    // default 10 s) applies, whatever `docker stop -t` asks.
    "container.stop": ({ id }) => stopContainer(state, id),
    "container.kill": ({ id, signal }) => killContainer(state, id, signal),
    "container.wait": ({ id, condition }) => waitContainer(state, id, condition),
    "container.attach": (r) => attachContainer(state, r),
    "container.logs": (r) => containerLogs(state, r),
    "container.remove": ({ id, force }) => removeContainer(state, id, force),
    "image.pull": ({ name, platform }) => pullImage(name, platform),
  });
}
