/**
 * Query parameters as moby's `httputils` reads them: booleans are true unless empty, "0", "no",
 * "false" or "none"; integers must parse or the request is a 400.
 *
 * @module
 */
import { InvalidParameter } from "../backends/core/errors.ts";

/** moby's `BoolValue`; `fallback` when the parameter is absent. */
export function boolParam(url: URL, name: string, fallback = false): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = raw.trim().toLowerCase();
  return !(value === "" || value === "0" || value === "no" || value === "false" ||
    value === "none");
}

/** An integer parameter, `undefined` when absent or empty; 400 when it is not an integer. */
export function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new InvalidParameter(`invalid value for ${name}: ${JSON.stringify(raw)}: not an integer`);
  }
  return Number(raw);
}

/** A string parameter, `undefined` when absent or empty. */
export function stringParam(url: URL, name: string): string | undefined {
  const raw = url.searchParams.get(name);
  return raw === null || raw === "" ? undefined : raw;
}

/**
 * A time parameter as the docker CLI sends `--since`/`--until` for logs: Unix seconds with an
 * optional fraction. Returns milliseconds.
 */
export function timeParam(url: URL, name: string): number | undefined {
  const raw = stringParam(url, name);
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d{1,9})?$/.test(raw)) {
    throw new InvalidParameter(`invalid value for ${name}: ${JSON.stringify(raw)}`);
  }
  return Number(raw) * 1000;
}
