/**
 * `docker image prune` with moby's rules: by default only dangling images go; with
 * `dangling=false` every image no container uses. `until` and `label`/`label!` narrow the set;
 * images in use are skipped, not errors. Space reclaimed counts the uncompressed size of the
 * layers whose blobs were deleted.
 *
 * @module
 */
import { Conflict, InvalidParameter } from "../errors.ts";
import type { ImageStore } from "./image_store.ts";
import type { ImageFilters } from "./list.ts";
import { type ImageDeleteItem, type ImageUsage, removeImage } from "./remove.ts";

/** The body of `POST /images/prune`. */
export interface PruneReport {
  ImagesDeleted: ImageDeleteItem[] | null;
  SpaceReclaimed: number;
}

const knownFilters = new Set(["dangling", "until", "label", "label!"]);

/**
 * Removes unused images.
 *
 * @example
 * ```ts
 * await pruneImages(store, { dangling: ["false"] }, () => []);
 * ```
 */
export async function pruneImages(
  store: ImageStore,
  filters: ImageFilters,
  usage: ImageUsage,
): Promise<PruneReport> {
  for (const name of Object.keys(filters)) {
    if (!knownFilters.has(name)) throw new InvalidParameter(`invalid filter '${name}'`);
  }
  const danglingOnly = !(filters.dangling ?? []).some((v) => v === "false" || v === "0");
  const until = filters.until?.length ? Math.min(...filters.until.map(parseUntil)) : undefined;
  const deleted: ImageDeleteItem[] = [];
  let reclaimed = 0;
  for (const image of store.list()) {
    if (until !== undefined && Date.parse(image.created) > until) continue;
    const labels = image.config.config?.Labels ?? {};
    if (!(filters.label ?? []).every((f) => labelMatches(labels, f))) continue;
    if ((filters["label!"] ?? []).some((f) => labelMatches(labels, f))) continue;
    if (danglingOnly && image.repoTags.length > 0) continue;
    const names = image.repoTags.length + image.repoDigests.length > 0
      ? [...image.repoTags, ...image.repoDigests]
      : [image.id];
    for (const name of names) {
      if (!store.get(image.id)) break;
      try {
        const items = await removeImage(store, name, { usage });
        deleted.push(...items);
      } catch (error) {
        if (error instanceof Conflict) continue; // in use: keep it, as moby does
        throw error;
      }
    }
    const removed = new Set(deleted.flatMap((item) => "Deleted" in item ? [item.Deleted] : []));
    if (removed.has(image.id)) {
      for (const layer of image.layers) {
        if (!(await store.blobs.has(layer.digest))) reclaimed += layer.uncompressedSize;
      }
    }
  }
  return { ImagesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
}

function labelMatches(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf("=");
  return eq < 0 ? filter in labels : labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

const durationUnits: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  "µs": 0.001,
  ns: 0.000001,
};

/** `until`: an RFC 3339 time, a Unix timestamp, or a Go duration ago (`24h`, `1h30m`). */
export function parseUntil(value: string, now = Date.now()): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const duration = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/.test(value);
  if (duration) {
    let total = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
      total += Number(amount) * durationUnits[unit];
    }
    return now - total;
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidParameter(`invalid filter 'until=${value}'`);
  return time;
}
