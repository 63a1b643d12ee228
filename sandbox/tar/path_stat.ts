/**
 * Docker's `ContainerPathStat` for `HEAD`/`GET /containers/{id}/archive` (sent base64-encoded in
 * the `X-Docker-Container-Path-Stat` header): what moby's `statPath` reports, from an lstat of
 * the path, with Go's `os.FileMode` bits and, for a symlink, the path it resolves to in the
 * container.
 *
 * @module
 */
import { basename, normalizePath } from "../path.ts";
import type { FileSystem, Stat } from "../types.ts";

export interface ContainerPathStat {
  name: string;
  size: number;
  /** Go `os.FileMode`: permission bits plus type bits. */
  mode: number;
  /** RFC 3339 with fractional seconds, as Go's time.Time marshals. */
  mtime: string;
  linkTarget: string;
}

/** Go's os.FileMode type bits (io/fs). */
const GO_MODE = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  device: 2 ** 26,
  namedPipe: 2 ** 25,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
} as const;

/** A {@link Stat} as Go's `os.FileMode`. */
export function goFileMode(stat: Stat): number {
  let mode = stat.mode & 0o777;
  if (stat.mode & 0o4000) mode += GO_MODE.setuid;
  if (stat.mode & 0o2000) mode += GO_MODE.setgid;
  if (stat.mode & 0o1000) mode += GO_MODE.sticky;
  switch (stat.kind) {
    case "dir":
      return mode + GO_MODE.dir;
    case "symlink":
      return mode + GO_MODE.symlink;
    case "fifo":
      return mode + GO_MODE.namedPipe;
    case "chardev":
      return mode + GO_MODE.device + GO_MODE.charDevice;
    default:
      return mode;
  }
}

/** RFC 3339 as Go's time.Time marshals it in UTC: trailing zeros of the fraction dropped. */
function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, "Z");
}

/** The stat moby's archive endpoints report for `path` (not following a final symlink). */
export async function containerPathStat(fs: FileSystem, path: string): Promise<ContainerPathStat> {
  const absolute = normalizePath(path);
  const stat = await fs.stat(absolute, { follow: false });
  return {
    name: basename(absolute) || "/",
    size: stat.size,
    mode: goFileMode(stat),
    mtime: goTime(stat.mtimeMs),
    linkTarget: stat.kind === "symlink" ? await fs.realpath(absolute) : "",
  };
}
