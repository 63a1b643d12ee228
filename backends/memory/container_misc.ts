/**
 * The remaining container calls on the memory backend, joined into one handler set: top, stats,
 * pause/unpause, update, resize and prune. Pause is refused: the sandbox cannot freeze a
 * process (it has no cgroup freezer, and its SIGSTOP ends a process instead of stopping it).
 *
 * @module
 */
import { Conflict, NotImplemented } from "../core/errors.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import { pruneContainers } from "./container_prune.ts";
import { resizeContainer, resizeExec } from "./container_resize.ts";
import { statsStream } from "./container_stats.ts";
import { topContainer } from "./container_top.ts";
import { updateContainer } from "./container_update.ts";
import type { MemoryBackendState } from "./state.ts";

type MiscHandlers = Pick<
  BackendHandlers,
  | "container.top"
  | "container.stats"
  | "container.pause"
  | "container.unpause"
  | "container.update"
  | "container.resize"
  | "exec.resize"
  | "container.prune"
>;

export const PAUSE_UNSUPPORTED = "memory backend: pause is not supported: the sandbox cannot " +
  "freeze processes (no cgroup freezer; its SIGSTOP would end a process, not suspend it)";

export function containerMiscHandlers(state: MemoryBackendState): MiscHandlers {
  const host = { ncpu: state.options.ncpu, memTotal: state.options.memTotal };
  return {
    "container.top": ({ id, psArgs }) => topContainer(state.containers.get(id), psArgs),
    "container.stats": ({ id, stream, oneShot }) => {
      const c = state.containers.get(id);
      return statsStream(c, { stream, oneShot, host });
    },
    "container.pause": ({ id }) => {
      const c = state.containers.get(id);
      if (!c.running) throw new Conflict(`Container ${c.id} is not running`);
      throw new NotImplemented(PAUSE_UNSUPPORTED);
    },
    "container.unpause": ({ id }) => {
      // Nothing can be paused on this backend, so every container answers as an unpaused one.
      const c = state.containers.get(id);
      throw new Conflict(`Container ${c.id} is not paused`);
    },
    "container.update": ({ id, body }) => updateContainer(state, id, body),
    "container.resize": ({ id, height, width }) => resizeContainer(state, id, { height, width }),
    "exec.resize": ({ id, height, width }) => resizeExec(state, id, { height, width }),
    "container.prune": ({ filters }) => pruneContainers(state, filters),
  };
}
