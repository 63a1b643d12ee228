/**
 * Docker's `filters` query parameter: a JSON object of key → values, sent either as
 * `{"label":["a=b"]}` or in the legacy form `{"label":{"a=b":true}}`. Matching helpers follow
 * moby's `api/types/filters` semantics.
 *
 * @module
 */
import { InvalidParameter } from "./errors.ts";

/** Parsed filters: key → accepted values. */
export type Filters = Record<string, string[]>;

/** Parses the raw `filters` parameter; an empty or missing one is no filter. */
export function parseFilters(raw: string | null): Filters {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new InvalidParameter(`invalid filter: ${(error as Error).message}`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new InvalidParameter("invalid filter: expected a JSON object of key → values");
  }
  const filters: Filters = {};
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      if (!value.every((v) => typeof v === "string")) {
        throw new InvalidParameter(`invalid filter '${key}': values must be strings`);
      }
      filters[key] = value;
    } else if (value && typeof value === "object") {
      filters[key] = Object.entries(value).filter(([, on]) => on === true).map(([v]) => v);
    } else {
      throw new InvalidParameter(`invalid filter '${key}': values must be a list of strings`);
    }
  }
  return filters;
}

/** Fails with moby's message when a filter key is not one the endpoint knows. */
export function checkFilterKeys(filters: Filters, allowed: readonly string[]): void {
  for (const key of Object.keys(filters)) {
    if (!allowed.includes(key)) throw new InvalidParameter(`invalid filter '${key}'`);
  }
}

/** True when the key is absent, or `value` equals one of its values. */
export function exactMatch(filters: Filters, key: string, value: string | undefined): boolean {
  const wanted = filters[key];
  if (!wanted || wanted.length === 0) return true;
  return value !== undefined && wanted.includes(value);
}

/** True when the key is absent, or one of its values equals or is a prefix of `value`. */
export function fuzzyMatch(filters: Filters, key: string, value: string | undefined): boolean {
  const wanted = filters[key];
  if (!wanted || wanted.length === 0) return true;
  return value !== undefined && wanted.some((w) => value === w || value.startsWith(w));
}

/**
 * Label filters: every `key` or `key=value` given must be present in `labels` (moby's
 * `MatchKVList`: all of them, not any).
 */
export function labelsMatch(
  filters: Filters,
  key: string,
  labels: Record<string, string> | undefined,
): boolean {
  const wanted = filters[key];
  if (!wanted || wanted.length === 0) return true;
  if (!labels) return false;
  return wanted.every((entry) => {
    const cut = entry.indexOf("=");
    if (cut < 0) return entry in labels;
    return labels[entry.slice(0, cut)] === entry.slice(cut + 1);
  });
}
