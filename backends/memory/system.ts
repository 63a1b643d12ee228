/**
 * System calls on the memory backend: `/info` figures, `/system/df`, `/events`.
 *
 * @module
 */
import type { BackendHandlers } from "../core/protocol.ts";
import type { MemoryBackendState } from "./state.ts";
import { SANDBOX_RUNTIME } from "./create.ts";
import { diskUsage } from "./container_disk_usage.ts";

export const MEMORY_BACKEND_DESCRIPTION =
  "memory backend: containers run in an in-process sandbox (Deno Workers with no host permissions)";

type SystemHandlers = Pick<BackendHandlers, "system.info" | "system.df" | "system.events">;

export function systemHandlers(state: MemoryBackendState): SystemHandlers {
  return {
    "system.info": () => {
      const all = state.containers.all();
      const running = all.filter((c) => c.running && !c.state.Paused).length;
      const paused = all.filter((c) => c.state.Paused).length;
      return {
        name: "memory",
        description: MEMORY_BACKEND_DESCRIPTION,
        driver: "sandbox-layers",
        driverStatus: [["Backend", "memory"], ["Sandbox", "in-memory layered filesystem"]],
        containers: { total: all.length, running, paused, stopped: all.length - running - paused },
        images: state.images.list().length,
        runtimes: [SANDBOX_RUNTIME],
        defaultRuntime: SANDBOX_RUNTIME,
        plugins: { Volume: ["local"], Network: [], Authorization: null, Log: ["local"] },
        loggingDriver: "local",
        eventListeners: state.events.listeners,
        warnings: [
          "WARNING: the memory backend runs containers in a sandbox: POSIX shell, busybox-style " +
          "applets and WASI programs run; ELF binaries cannot (use a cloud or docker backend for them)",
        ],
      };
    },
    "system.df": () => diskUsage(state),
    "system.events": ({ query }) => state.events.subscribe(query),
  };
}
