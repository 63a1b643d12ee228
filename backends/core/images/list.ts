/**
 * `GET /images/json`: image summaries with moby's filters (`dangling`, `label`, `reference` with
 * Go `path.Match` patterns against the familiar name, `before`, `since`). Untagged images have
 * empty `RepoTags`/`RepoDigests`, as moby answers on API ≥ 1.43 (moby/moby#45068).
 *
 * @module
 */
import { InvalidParameter } from "../errors.ts";
import type { ImageRecord } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { BadPatternError, matchPath } from "./path_match.ts";
import { familiarName, familiarString, parseReference } from "./reference.ts";

/** One entry of `GET /images/json`. */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  Size: number;
  SharedSize: number;
  Labels: Record<string, string>;
  Containers: number;
}

/** Decoded `filters` of `GET /images/json`: name → values. */
export type ImageFilters = Record<string, string[]>;

const knownFilters = new Set(["dangling", "label", "reference", "before", "since"]);

/**
 * Lists images, newest first, as `docker images` asks for them.
 *
 * @example
 * ```ts
 * listImages(store, { reference: ["busy*"], dangling: ["false"] });
 * ```
 */
export function listImages(store: ImageStore, filters: ImageFilters = {}): ImageSummary[] {
  for (const name of Object.keys(filters)) {
    if (!knownFilters.has(name)) throw new InvalidParameter(`invalid filter '${name}'`);
  }
  const dangling = danglingFilter(filters.dangling);
  const before = timeBound(store, filters.before);
  const since = timeBound(store, filters.since);
  const summaries: ImageSummary[] = [];
  for (const image of store.list().reverse()) {
    const created = Date.parse(image.created);
    if (before !== undefined && !(created < before)) continue;
    if (since !== undefined && !(created > since)) continue;
    if (filters.label && !filters.label.every((label) => hasLabel(image, label))) continue;
    let tags = image.repoTags;
    let digests = image.repoDigests;
    if (filters.reference) {
      tags = tags.filter((ref) => matchesAny(filters.reference, ref));
      digests = digests.filter((ref) => matchesAny(filters.reference, ref));
      if (tags.length === 0 && digests.length === 0) continue;
    }
    if (dangling === true && tags.length > 0) continue;
    if (dangling === false && image.repoTags.length === 0 && image.repoDigests.length === 0) {
      continue;
    }
    summaries.push(summarize(image, tags, digests));
  }
  return summaries;
}

function summarize(image: ImageRecord, tags: string[], digests: string[]): ImageSummary {
  return {
    Id: image.id,
    ParentId: "",
    RepoTags: tags.map((ref) => familiarString(parseReference(ref))),
    RepoDigests: digests.map((ref) => familiarString(parseReference(ref))),
    Created: Math.max(0, Math.floor(Date.parse(image.created) / 1000)),
    Size: image.size,
    SharedSize: -1,
    Labels: image.config.config?.Labels ?? {},
    Containers: -1,
  };
}

function danglingFilter(values: string[] | undefined): boolean | undefined {
  if (!values || values.length === 0) return undefined;
  const [value] = values;
  if (values.some((v) => v !== value) || !["true", "1", "false", "0"].includes(value)) {
    throw new InvalidParameter(`invalid filter 'dangling=${values.join(",")}'`);
  }
  return value === "true" || value === "1";
}

// moby compares against the Created time of the image the filter names.
function timeBound(store: ImageStore, values: string[] | undefined): number | undefined {
  if (!values || values.length === 0) return undefined;
  return Math.min(...values.map((value) => Date.parse(store.resolve(value).image.created)));
}

function hasLabel(image: ImageRecord, filter: string): boolean {
  const labels = image.config.config?.Labels ?? {};
  const eq = filter.indexOf("=");
  if (eq < 0) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

// reference.FamiliarMatch: the familiar string first, then the familiar name alone.
function matchesAny(patterns: string[] | undefined, ref: string): boolean {
  const parsed = parseReference(ref);
  return (patterns ?? []).some((pattern) => {
    try {
      return matchPath(pattern, familiarString(parsed)) || matchPath(pattern, familiarName(parsed));
    } catch (error) {
      if (error instanceof BadPatternError) throw new InvalidParameter(error.message);
      throw error;
    }
  });
}
