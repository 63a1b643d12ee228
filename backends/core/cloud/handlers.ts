/**
 * A cloud backend's handler table: what every cloud backend answers the same way (the 501 table,
 * system calls, list and inspect over its directory, exec through its workloads' agents) around
 * the calls its own folder makes against its cloud (create, start, stop, kill, wait, attach,
 * logs, rm, pull).
 *
 * @module
 */
import type { AgentExecs } from "../cloud_agent/mod.ts";
import type { EventBus } from "../events.ts";
import type { BackendHandlers } from "../protocol.ts";
import type { CloudDirectory } from "./directory.ts";
import { listContainers } from "./list.ts";
import { type CloudContainer, type ContainerLook, inspectContainer } from "./render.ts";
import { type CloudAbout, systemHandlers } from "./system.ts";
import { type ServerlessLimits, unsupportedHandlers } from "./unsupported.ts";
import type { OwnCall, SharedCall } from "./cloud_calls.ts";

/** What the shared handlers need of a backend. */
export interface CloudBackend<C extends CloudContainer> {
  about: CloudAbout;
  limits: ServerlessLimits;
  look: ContainerLook<C>;
  directory: CloudDirectory<C>;
  events: EventBus;
  execs: AgentExecs;
}

export function cloudHandlers<C extends CloudContainer>(
  backend: CloudBackend<C>,
  own: Pick<BackendHandlers, OwnCall>,
): BackendHandlers {
  const { directory, look, execs } = backend;
  const shared: Pick<BackendHandlers, SharedCall> = {
    ...systemHandlers(backend, look, backend.about),
    "container.list": (r) => listContainers(directory, look, r),
    "container.inspect": async ({ id }) => inspectContainer(await directory.get(id), look),
    "exec.create": (r) => execs.create(r),
    "exec.start": (r) => execs.start(r),
    "exec.inspect": ({ id }) => execs.inspect(id),
  };
  return { ...unsupportedHandlers(backend.about.backend, backend.limits), ...shared, ...own };
}
