/**
 * The lambda backend: each container is an image-package Lambda function found again through
 * its tags, so the cloud is the only record; exec reaches the container through the agent each
 * function instance dials back to the listener this backend opens. This file opens that
 * listener, assembles the handlers and, on start, resumes the auto-removal of `--rm` containers
 * a previous daemon left running.
 *
 * @module
 */
import { AgentListener } from "../../agent/mod.ts";
import { EventBus } from "../core/events.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import { lambdaAccessFromEnv, LambdaCloud } from "./cloud.ts";
import { createContainer } from "./create.ts";
import { ContainerDirectory } from "./directory.ts";
import { createExec, inspectExec, startExec } from "./exec.ts";
import { pullImage } from "./images.ts";
import {
  killContainer,
  removeContainer,
  startContainer,
  stopContainer,
  watchAutoRemove,
} from "./lifecycle.ts";
import { listContainers } from "./list.ts";
import { attachContainer, containerLogs } from "./logs.ts";
import { inspectContainer } from "./render.ts";
import { isRunning, type LambdaBackendOptions, type LambdaBackendState } from "./state.ts";
import { systemHandlers } from "./system.ts";
import { unsupportedHandlers } from "./unsupported.ts";
import { waitContainer } from "./wait.ts";

export type { LambdaBackendOptions } from "./state.ts";

/** The path agents dial; the container id is in the query. */
const AGENT_PATH = "/agent";

export async function createLambdaBackend(
  options: LambdaBackendOptions,
): Promise<BackendHandlers> {
  const cloud = new LambdaCloud(lambdaAccessFromEnv(options.awsEndpoint));
  if (!options.lambdaAgentPort) {
    throw new Error("lambda backend: no agent listener port was given (lambdaAgentPort)");
  }
  const listener = new AgentListener();
  // Loopback only: the functions that dial it run on this host (the AWS simulator). Functions in
  // real AWS would need a public address here, which is not provided yet.
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.lambdaAgentPort, onListen() {} },
    (req) => {
      if (new URL(req.url).pathname !== AGENT_PATH) {
        return Response.json({ message: "not an agent endpoint" }, { status: 404 });
      }
      return listener.handle(req);
    },
  );
  const state: LambdaBackendState = {
    options,
    cloud,
    directory: new ContainerDirectory(cloud),
    listener,
    callbackBase: `ws://127.0.0.1:${server.addr.port}${AGENT_PATH}`,
    events: new EventBus(),
    execs: new Map(),
    removedExits: new Map(),
    readers: new Map(),
  };
  // Recovery is a tag scan: agents of running functions redial with the secret in their
  // environment, and `--rm` containers a previous daemon started are still ours to remove.
  for (const c of await state.directory.all()) {
    listener.register(c.id, c.environment.SOCKERLESS_AGENT_SECRET);
    if (c.autoRemove && isRunning(c)) watchAutoRemove(state, c.id);
  }
  return {
    ...unsupportedHandlers(),
    ...systemHandlers(state),
    "container.create": (r) => createContainer(state, r),
    "container.list": (r) => listContainers(state, r),
    "container.inspect": async ({ id }) => inspectContainer(await state.directory.get(id)),
    "container.start": ({ id }) => startContainer(state, id),
    // Lambda cannot signal an invocation: stop retires the instance at once, whatever -t asks.
    "container.stop": ({ id }) => stopContainer(state, id),
    "container.kill": ({ id, signal }) => killContainer(state, id, signal),
    "container.wait": ({ id, condition }) => waitContainer(state, id, condition),
    "container.attach": (r) => attachContainer(state, r),
    "container.logs": (r) => containerLogs(state, r),
    "container.remove": ({ id, force }) => removeContainer(state, id, force),
    "exec.create": (r) => createExec(state, r),
    "exec.start": (r) => startExec(state, r),
    "exec.inspect": ({ id }) => inspectExec(state, id),
    "image.pull": ({ name, platform }) => pullImage(name, platform),
  };
}
