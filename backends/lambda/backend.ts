/**
 * The lambda backend: each container is an image-package Lambda function found again through
 * its tags, so the cloud is the only record; exec reaches the container through the agent each
 * function instance dials back to the endpoint this backend opens. This file opens that
 * endpoint, assembles the handlers and, on start, resumes the auto-removal of `--rm` containers
 * a previous daemon left running.
 *
 * @module
 */
import { cloudHandlers } from "../core/cloud/mod.ts";
import { AGENT_ENV, openAgentEndpoint } from "../core/cloud_agent/mod.ts";
import { EventBus } from "../core/events.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import { lambdaAccessFromEnv, LambdaCloud } from "./cloud.ts";
import { createContainer } from "./create.ts";
import { ContainerDirectory } from "./directory.ts";
import { lambdaExecs } from "./exec.ts";
import { pullImage } from "./images.ts";
import {
  killContainer,
  removeContainer,
  startContainer,
  stopContainer,
  watchAutoRemove,
} from "./lifecycle.ts";
import { attachContainer, containerLogs } from "./logs.ts";
import { lambdaLook } from "./render.ts";
import { isRunning, type LambdaBackendOptions, type LambdaBackendState } from "./state.ts";
import { lambdaAbout } from "./system.ts";
import { LAMBDA_LIMITS } from "./unsupported.ts";
import { waitContainer } from "./wait.ts";

export type { LambdaBackendOptions } from "./state.ts";

export async function createLambdaBackend(
  options: LambdaBackendOptions,
): Promise<BackendHandlers> {
  const cloud = new LambdaCloud(lambdaAccessFromEnv(options.awsEndpoint));
  if (!options.lambdaAgentPort) {
    throw new Error("lambda backend: no agent listener port was given (lambdaAgentPort)");
  }
  const agents = openAgentEndpoint({
    backend: "lambda",
    port: options.lambdaAgentPort,
    hostname: options.agentListen?.hostname,
    publicUrl: options.agentUrl,
  });
  const directory = new ContainerDirectory(cloud);
  const state: LambdaBackendState = {
    options,
    cloud,
    directory,
    agents,
    events: new EventBus(),
    execs: lambdaExecs(agents, directory),
    removedExits: new Map(),
    readers: new Map(),
    nextRun: new Map(),
  };
  // Recovery is a tag scan: agents of running functions redial with the secret in their
  // environment, and `--rm` containers a previous daemon started are still ours to remove.
  for (const c of await state.directory.all()) {
    agents.listener.register(c.id, c.environment[AGENT_ENV.secret]);
    if (c.autoRemove && isRunning(c)) watchAutoRemove(state, c.id);
  }
  const backend = {
    about: lambdaAbout(cloud.access, agents.url),
    limits: LAMBDA_LIMITS,
    look: lambdaLook,
    ...state,
  };
  return cloudHandlers(backend, {
    "container.create": (r) => createContainer(state, r),
    "container.start": ({ id }) => startContainer(state, id),
    // Lambda cannot signal an invocation: stop retires the instance at once, whatever -t asks.
    "container.stop": ({ id }) => stopContainer(state, id),
    "container.kill": ({ id, signal }) => killContainer(state, id, signal),
    "container.wait": ({ id, condition }) => waitContainer(state, id, condition),
    "container.attach": (r) => attachContainer(state, r),
    "container.logs": (r) => containerLogs(state, r),
    "container.remove": ({ id, force }) => removeContainer(state, id, force),
    "image.pull": ({ name, platform }) => pullImage(name, platform),
  });
}
