/**
 * `HEAD /containers/{id}/archive`: the stat Docker sends base64-encoded in the
 * `X-Docker-Container-Path-Stat` header (moby's `container.PathStat`), with the mode as Go's
 * `os.FileMode` bits and the time as Go marshals a `time.Time` (RFC 3339, trailing zeros of the
 * fraction dropped).
 *
 * @module
 */
import type { FileKind, FileSystem, Stat } from "../../../sandbox/mod.ts";
import { dirname, normalizePath } from "../../../sandbox/mod.ts";
import type { ArchiveStat } from "./protocol.ts";

/** Go's os.FileMode type bits (io/fs). */
export const GoFileMode = {
  dir: 0x80000000,
  symlink: 1 << 27,
  device: 1 << 26,
  namedPipe: 1 << 25,
  setuid: 1 << 23,
  setgid: 1 << 22,
  charDevice: 1 << 21,
  sticky: 1 << 20,
} as const;

const KIND_BITS: Record<FileKind, number> = {
  file: 0,
  dir: GoFileMode.dir,
  symlink: GoFileMode.symlink,
  chardev: GoFileMode.device | GoFileMode.charDevice,
  fifo: GoFileMode.namedPipe,
};

/** Go's `os.FileMode` for a stat: type bits, setuid/setgid/sticky moved, permission bits. */
export function goFileMode(stat: Pick<Stat, "kind" | "mode">): number {
  let mode = KIND_BITS[stat.kind] + (stat.mode & 0o777);
  if (stat.mode & 0o4000) mode += GoFileMode.setuid;
  if (stat.mode & 0o2000) mode += GoFileMode.setgid;
  if (stat.mode & 0o1000) mode += GoFileMode.sticky;
  return mode;
}

/** A time as Go's `time.Time.MarshalJSON` writes it in UTC ("…05.12Z", "…05Z"). */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : "Z"));
}

/** The last component of `path` as given ("." for "/dir/.", "/" for the root), like Go's Base. */
export function pathBase(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * Stats `path` without following a final symlink (its parents are followed); a symlink's
 * `linkTarget` is the container path it finally resolves to, as moby's `StatPath` reports it.
 */
export async function pathStat(fs: FileSystem, path: string): Promise<ArchiveStat> {
  const stat = await fs.stat(path, { follow: false });
  let linkTarget = "";
  if (stat.kind === "symlink") {
    const parent = await fs.realpath(dirname(normalizePath(path)));
    const target = await fs.readlink(path);
    // A dangling link still has a target to report: resolve it lexically.
    linkTarget = await fs.realpath(path).catch(() =>
      normalizePath(target.startsWith("/") ? target : `${parent}/${target}`)
    );
  }
  return {
    name: pathBase(path),
    size: stat.size,
    mode: goFileMode(stat),
    mtime: goTime(stat.mtimeMs),
    linkTarget,
  };
}
