/**
 * The memory backend: containers run in sandbox actors inside this process's Workers, with no
 * Docker engine anywhere. This file assembles its call handlers from the families beside it.
 *
 * @module
 */
import { spawn } from "../../actors/mod.ts";
import { ImageStore } from "../core/images/mod.ts";
import { parseHere, serveShellParser } from "../../sandbox/mod.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import { attachContainer, containerLogs } from "./attach.ts";
import type { ContainerMsg } from "./container/protocol.ts";
import { containerFsHandlers } from "./container_fs.ts";
import { containerMiscHandlers } from "./container_misc.ts";
import { createContainer } from "./create.ts";
import { createExec, inspectExec, startExec } from "./exec.ts";
import { imageBuildHandlers } from "./image_build.ts";
import { imageContentHandlers } from "./image_content.ts";
import { imageHandlers } from "./images.ts";
import {
  killContainer,
  onExit,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
  waitContainer,
} from "./lifecycle.ts";
import { listContainers } from "./list.ts";
import { networkHandlers } from "./network_handlers.ts";
import { networkSettings } from "./network_settings.ts";
import { ObservedEventBus, openPersistence } from "./persist/mod.ts";
import { inspectContainer } from "./render.ts";
import { renameContainer } from "./rename.ts";
import { ContainerTable, type MemoryBackendOptions, type MemoryBackendState } from "./state.ts";
import { systemHandlers } from "./system.ts";
import { volumeHandlers } from "./volume_handlers.ts";
import { WarmPool } from "./warm_pool.ts";

export type { MemoryBackendOptions } from "./state.ts";

const containerActor = new URL("./container/actor.ts", import.meta.url);

/** Builds the memory backend's state and handlers. */
export async function createMemoryBackend(options: MemoryBackendOptions): Promise<BackendHandlers> {
  const warm = new WarmPool(containerActor, "none");
  warm.topUp();
  const state: MemoryBackendState = {
    options,
    events: new ObservedEventBus(),
    images: await ImageStore.open(`${options.dataRoot}/images`),
    containers: new ContainerTable(),
    execs: new Map(),
    async spawnContainer(args) {
      // One parser (mvdan-sh, ~14 MiB per Worker that loads it) in this Worker for all containers.
      const parser = new MessageChannel();
      serveShellParser(parser.port1, parseHere);
      const ref = await spawn<ContainerMsg>({
        module: containerActor,
        args: { ...args, parser: parser.port2 },
        // Containers get no host permissions at all: no files, network, env or subprocesses.
        permissions: "none",
        name: `container:${args.id.slice(0, 12)}`,
      });
      warm.topUp();
      ref.exited.then((reason) => {
        parser.port1.close();
        if (reason.kind === "normal") return;
        const c = state.containers.all().find((c) => c.id === args.id);
        if (!c || c.removing) return;
        const why = reason.kind === "crashed" ? reason.error.message : reason.reason;
        c.actorLost = `its sandbox actor ended unexpectedly: ${why}`;
        if (c.running) onExit(state, c, 137, c.actorLost);
      });
      return ref;
    },
  };
  // Before any call is served: every start is a recovery (./persist/).
  const persistence = await openPersistence(state);
  return persistence.durable({
    ...systemHandlers(state),
    ...imageHandlers(state),
    ...imageContentHandlers(state),
    ...imageBuildHandlers(state),
    ...containerFsHandlers(state),
    ...containerMiscHandlers(state),
    ...volumeHandlers(state),
    ...networkHandlers(state),
    "container.create": (r) => createContainer(state, r),
    "container.list": (r) => listContainers(state, r),
    "container.inspect": async ({ id, size }) => {
      const c = state.containers.get(id);
      const sizes = size && !c.actorLost
        ? await c.actor.ask<{ SizeRw: number; SizeRootFs: number }>({ type: "size" })
        : undefined;
      return inspectContainer(c, sizes, networkSettings(state, c));
    },
    "container.start": ({ id }) => startContainer(state, id),
    "container.stop": ({ id, ...o }) => stopContainer(state, id, o),
    "container.restart": ({ id, ...o }) => restartContainer(state, id, o),
    "container.kill": ({ id, signal }) => killContainer(state, id, signal),
    "container.wait": ({ id, condition }) => waitContainer(state, id, condition),
    "container.attach": (r) => attachContainer(state, r),
    "container.logs": (r) => containerLogs(state, r),
    "container.remove": ({ id, force, volumes }) => removeContainer(state, id, { force, volumes }),
    "container.rename": ({ id, name }) => renameContainer(state, id, name),
    "exec.create": (r) => createExec(state, r),
    "exec.start": (r) => startExec(state, r),
    "exec.inspect": ({ id }) => inspectExec(state, id),
  });
}
