/**
 * `GET /containers/json` on the memory backend: Docker's filters, `all`, `limit` and `size`,
 * newest first.
 *
 * @module
 */
import { networkFiltersMatch, networkSummary } from "./network_settings.ts";
import type { ContainerSummary } from "../core/container_types.ts";
import { InvalidParameter } from "../core/errors.ts";
import { checkFilterKeys, type Filters, labelsMatch } from "../core/filters.ts";
import type { Container } from "./container.ts";
import { summarizeContainer } from "./render.ts";
import type { MemoryBackendState } from "./state.ts";

const KEYS = [
  "ancestor",
  "before",
  "expose",
  "exited",
  "health",
  "id",
  "isolation",
  "is-task",
  "label",
  "name",
  "network",
  "publish",
  "since",
  "status",
  "volume",
];
const STATUSES = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

function anyOf(values: string[] | undefined, test: (v: string) => boolean): boolean {
  return !values?.length || values.some(test);
}

export async function listContainers(
  state: MemoryBackendState,
  request: { all: boolean; limit?: number; size: boolean; filters: Filters },
): Promise<ContainerSummary[]> {
  const f = request.filters;
  checkFilterKeys(f, KEYS);
  for (const status of f.status ?? []) {
    if (!STATUSES.includes(status)) throw new InvalidParameter(`invalid filter 'status=${status}'`);
  }
  for (const code of f.exited ?? []) {
    if (!/^-?\d+$/.test(code)) throw new InvalidParameter(`invalid filter 'exited=${code}'`);
  }
  const byRef = (ref: string) => state.containers.get(ref);
  // moby resolves an ancestor filter to an image ID: `alpine`, `alpine:latest` and a short ID
  // name the same image.
  const imageIdOf = (ref: string) => {
    try {
      return state.images.resolve(ref).image.id;
    } catch {
      return undefined;
    }
  };
  const before = f.before?.length ? byRef(f.before[0]).created.getTime() : undefined;
  const since = f.since?.length ? byRef(f.since[0]).created.getTime() : undefined;
  const all = request.all || (request.limit ?? 0) > 0 || before !== undefined ||
    since !== undefined ||
    Boolean(f.status?.length) || Boolean(f.exited?.length);
  const matches = (c: Container) => {
    const status = c.removing ? "removing" : c.state.Status;
    if (!all && !c.running) return false;
    if (!anyOf(f.id, (v) => c.id.startsWith(v))) return false;
    if (!anyOf(f.name, (v) => new RegExp(v).test(c.name))) return false;
    if (!labelsMatch(f, "label", c.config.Labels ?? {})) return false;
    if (!anyOf(f.status, (v) => v === status)) return false;
    if (!anyOf(f.exited, (v) => status === "exited" && Number(v) === c.state.ExitCode)) {
      return false;
    }
    if (
      !anyOf(f.ancestor, (v) => v === c.image.name || imageIdOf(v) === c.image.id)
    ) return false;
    if (!anyOf(f.health, (v) => v === (c.state.Health?.Status ?? "none"))) return false;
    if (!networkFiltersMatch(state, c, f)) return false;
    if (f.volume?.length) {
      // No container on this backend has volumes yet.
      return false;
    }
    if (before !== undefined && c.created.getTime() >= before) return false;
    if (since !== undefined && c.created.getTime() <= since) return false;
    return true;
  };
  let selected = state.containers.all().filter(matches)
    .sort((a, b) => b.created.getTime() - a.created.getTime());
  if (request.limit && request.limit > 0) selected = selected.slice(0, request.limit);
  return await Promise.all(selected.map(async (c) => {
    const size = request.size && !c.actorLost
      ? await c.actor.ask<{ SizeRw: number; SizeRootFs: number }>({ type: "size" })
      : undefined;
    return summarizeContainer(c, size, networkSummary(state, c));
  }));
}
