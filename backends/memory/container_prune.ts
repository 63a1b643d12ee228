/**
 * `docker container prune` on the memory backend, with moby's rules: every container that is
 * not running goes, narrowed by `until` (created before) and `label`/`label!`; the space
 * reclaimed is what their writable layers held.
 *
 * @module
 */
import { Conflict } from "../core/errors.ts";
import { checkFilterKeys, type Filters, labelsMatch } from "../core/filters.ts";
import { parseUntil } from "../core/images/mod.ts";
import type { ContainerPruneReport } from "../core/protocol_container_fs.ts";
import type { Container } from "./container.ts";
import type { ContainerSizes } from "./container/protocol.ts";
import { removeContainer } from "./lifecycle.ts";
import type { MemoryBackendState } from "./state.ts";

const KEYS = ["until", "label", "label!"];

/** moby's `label!`: none of the given `key` or `key=value` may be present. */
function labelsAbsent(filters: Filters, labels: Record<string, string>): boolean {
  return (filters["label!"] ?? []).every((entry) => !labelsMatch({ l: [entry] }, "l", labels));
}

export async function pruneContainers(
  state: MemoryBackendState,
  filters: Filters,
): Promise<ContainerPruneReport> {
  checkFilterKeys(filters, KEYS);
  const until = filters.until?.length
    ? Math.min(...filters.until.map((u) => parseUntil(u)))
    : undefined;
  const selected = state.containers.all().filter((c: Container) => {
    if (c.running || c.removing) return false;
    if (until !== undefined && c.created.getTime() >= until) return false;
    const labels = c.config.Labels ?? {};
    return labelsMatch(filters, "label", labels) && labelsAbsent(filters, labels);
  });
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const c of selected) {
    const size = c.actorLost
      ? 0
      : (await c.actor.ask<ContainerSizes>({ type: "size" }).catch(() => ({ SizeRw: 0 }))).SizeRw;
    try {
      await removeContainer(state, c.id, { force: false });
    } catch (error) {
      // Started or removed meanwhile: not prunable any more, as moby skips it.
      if (error instanceof Conflict || (error as Error).name === "NotFound") continue;
      throw error;
    }
    deleted.push(c.id);
    reclaimed += size;
  }
  state.events.publish("container", "prune", {
    ID: "",
    Attributes: { reclaimed: String(reclaimed) },
  });
  return { ContainersDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed };
}
