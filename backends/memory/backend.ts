/**
 * The memory backend: containers run in sandbox actors inside this process's Workers, with no
 * Docker engine anywhere. This file assembles its call handlers; each family lives in its own
 * file beside it.
 *
 * @module
 */
import { EventBus } from "../core/events.ts";
import type { BackendHandlers } from "../core/protocol.ts";

export interface MemoryBackendOptions {
  /** The daemon's `--data-root`; the backend keeps its state below it. */
  dataRoot: string;
}

/** The backend's shared state, handed to each handler family. */
export interface MemoryBackendState {
  options: MemoryBackendOptions;
  events: EventBus;
}

export const MEMORY_BACKEND_DESCRIPTION =
  "memory backend: containers run in an in-process sandbox (Deno Workers with no host permissions)";

/** Builds the memory backend's handlers. */
export function createMemoryBackend(options: MemoryBackendOptions): BackendHandlers {
  const state: MemoryBackendState = { options, events: new EventBus() };
  return {
    "system.info": () => ({
      name: "memory",
      description: MEMORY_BACKEND_DESCRIPTION,
      driver: "sandbox-layers",
      driverStatus: [["Backend", "memory"], ["Sandbox", "in-memory layered filesystem"]],
      containers: { total: 0, running: 0, paused: 0, stopped: 0 },
      images: 0,
      runtimes: ["sockerless-sandbox"],
      defaultRuntime: "sockerless-sandbox",
      plugins: { Volume: [], Network: [], Authorization: null, Log: [] },
      loggingDriver: "none",
      eventListeners: state.events.listeners,
      warnings: [
        "WARNING: the memory backend runs containers in a sandbox: POSIX shell, busybox-style " +
        "applets and WASI programs run; ELF binaries cannot (use a cloud or docker backend for them)",
      ],
    }),
    "system.df": () => ({
      LayersSize: 0,
      Images: [],
      Containers: [],
      Volumes: [],
      BuildCache: [],
    }),
    "system.events": ({ query }) => state.events.subscribe(query),
  };
}
