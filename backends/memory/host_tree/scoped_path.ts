/**
 * Resolving a path inside a host directory as if that directory were the root: `..` stops at
 * it and symlinks (absolute ones included) are followed within it, as moby's
 * FollowSymlinkInScope does. So whatever a container sends, the host path answered stays under
 * the bind source.
 *
 * @module
 */
import { FsError } from "../../../sandbox/mod.ts";

const MAX_SYMLINKS = 40;

/** The parts of a path, without empty parts and ".". */
function partsOf(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}

/**
 * The host path for `path` (absolute, relative to `root`). Every symlink on the way is followed
 * inside `root`; the last one only when `followLast`. The last part may be missing (for creating
 * it); a missing part before it is ENOENT unless `missingParents` (for `mkdir -p`).
 */
export async function scopedPath(
  root: string,
  path: string,
  followLast: boolean,
  options: { missingParents?: boolean } = {},
): Promise<string> {
  const remaining = partsOf(path);
  const done: string[] = [];
  let links = 0;
  while (remaining.length > 0) {
    const name = remaining.shift()!;
    if (name === "..") {
      done.pop();
      continue;
    }
    const candidate = `${root}/${[...done, name].join("/")}`;
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(candidate);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      // Only the last part may be missing (to be created); Linux cannot walk through a gap.
      // (`mkdir -p` makes the gap, which holds no symlinks; `..` inside it is refused.)
      const gap = [name, ...remaining];
      if (gap.length > 1 && (!options.missingParents || gap.includes(".."))) {
        throw new FsError("ENOENT", path, "No such file or directory");
      }
      done.push(...gap);
      break;
    }
    if (info.isSymlink && (remaining.length > 0 || followLast)) {
      if (++links > MAX_SYMLINKS) {
        throw new FsError("ELOOP", path, "Too many levels of symbolic links");
      }
      const target = await Deno.readLink(candidate);
      if (target.startsWith("/")) done.length = 0;
      remaining.unshift(...partsOf(target));
      continue;
    }
    done.push(name);
  }
  return done.length ? `${root}/${done.join("/")}` : root;
}

/** The path inside the scope (starting with "/") of a host path `scopedPath` returned. */
export function scopeRelative(root: string, hostPath: string): string {
  return hostPath === root ? "/" : hostPath.slice(root.length);
}
