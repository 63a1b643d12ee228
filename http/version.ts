/**
 * API versions: the one version this daemon implements and advertises, the oldest it accepts, and
 * the `/vX.Y/` path prefix handling moby does in `daemon/server/middleware/version.go`.
 *
 * @module
 */
import { InvalidParameter } from "../backends/core/errors.ts";

/** The Docker Engine API version we implement and advertise (Docker 25's). */
export const API_VERSION = "1.44";
/** The oldest API version a request may name, as moby's default floor. */
export const MIN_API_VERSION = "1.24";
/** The Docker-compatible product version we present in `Server` headers and `/version`. */
export const ENGINE_VERSION = "25.0.0-sockerless";
/** Sockerless's own release. */
export const SOCKERLESS_VERSION = "0.1.0";

/** Compares two "X.Y" versions numerically: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const prefix = /^\/v(\d+\.\d+)(?=\/)/;

/**
 * Splits a request path into the API version it names (or {@link API_VERSION} when unversioned)
 * and the path without the prefix; rejects versions outside [{@link MIN_API_VERSION},
 * {@link API_VERSION}] with moby's wording.
 */
export function splitVersion(path: string): { version: string; path: string } {
  const match = prefix.exec(path);
  if (!match) return { version: API_VERSION, path };
  const version = match[1];
  if (compareVersions(version, MIN_API_VERSION) < 0) {
    throw new InvalidParameter(
      `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  }
  if (compareVersions(version, API_VERSION) > 0) {
    throw new InvalidParameter(
      `client version ${version} is too new. Maximum supported API version is ${API_VERSION}`,
    );
  }
  return { version, path: path.slice(match[0].length) };
}
