/**
 * Path resolution inside a container root. It walks one component at a time keeping the chain
 * of directories it went through, so `..` pops back (and stops at the root), an absolute symlink
 * target restarts from the container root, and a mount point switches to the mounted tree.
 * Nothing here can reach a node outside the trees the container was given.
 *
 * @module
 */
import { type DirEntry, type FileKind, type FileSystem, FsError } from "../types.ts";
import { type DirNode, entriesOf, kindOf, type Node, type ProcessView } from "./node.ts";
import type { MemoryTree } from "./tree.ts";

/** Linux's MAXSYMLINKS: more symlinks than this in one lookup is ELOOP. */
export const MAX_SYMLINKS = 40;
const NAME_MAX = 255;
const PATH_MAX = 4096;

/** One resolved component: where it lives and what it is. */
export interface Frame {
  /** Canonical container path. */
  path: string;
  /** Component name in the container path ("" for the root). */
  name: string;
  /** The mount point the frame lives under ("/" for the container's own tree). */
  device: string;
  readOnly: boolean;
  /** In-memory trees: the tree, the canonical names inside it, and the node. */
  tree?: MemoryTree;
  names: string[];
  node?: Node;
  /** Host-backed (async) mounts: the mounted filesystem and the path inside it. */
  foreign?: FileSystem;
  foreignPath?: string;
  /** What the host-backed tree said this is (directory, symlink…) when it was looked up. */
  foreignKind?: FileKind;
}

/** What is mounted at a container path. */
export interface Mount {
  /** Filesystem type as /proc/mounts shows it ("tmpfs", "proc", "bind"…). */
  type: string;
  source: string;
  readOnly: boolean;
  options?: string;
  tree?: MemoryTree;
  /** Canonical names of the mounted directory (or file) inside `tree`. */
  names?: string[];
  foreign?: FileSystem;
  foreignPath?: string;
  /** The kind of the mounted host path (a directory, or a file for file binds). */
  foreignKind?: FileKind;
}

export interface Resolved {
  /** The directory holding the final component (undefined for "/"). */
  parent?: Frame;
  /** The final component, when it exists. */
  target?: Frame;
  /** The final component's name (for creating it when missing). */
  name: string;
  /** Canonical container path of the final component. */
  path: string;
}

export interface ResolveContext {
  root: Frame;
  mounts: Map<string, Mount>;
  view: ProcessView;
}

function joinPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

export function isDirFrame(frame: Frame): boolean {
  return frame.node ? frame.node.kind === "dir" : frame.foreignKind === "dir";
}

function isSymlinkFrame(frame: Frame): boolean {
  return frame.node ? frame.node.kind === "symlink" : frame.foreignKind === "symlink";
}

/** The frame for the root of a mount, placed at container path `path`. */
export function mountFrame(mount: Mount, path: string, name: string): Frame {
  if (mount.foreign) {
    return {
      path,
      name,
      device: path,
      readOnly: mount.readOnly,
      names: [],
      foreign: mount.foreign,
      foreignPath: mount.foreignPath ?? "/",
      foreignKind: mount.foreignKind,
    };
  }
  const tree = mount.tree!;
  const names = mount.names ?? [];
  let node: Node = tree.root;
  for (const n of names) {
    const next: Node | undefined = node.kind === "dir" ? node.entries.get(n) : undefined;
    if (!next) throw new FsError("ENOENT", path, `mount source ${mount.source} is gone`);
    node = next;
  }
  return { path, name, device: path, readOnly: mount.readOnly, tree, names, node };
}

/** The mount points directly inside container directory `dir`, as directory entries. */
export function mountPointsIn(mounts: Map<string, Mount>, dir: string): DirEntry[] {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  const entries: DirEntry[] = [];
  for (const [path, mount] of mounts) {
    const name = path.slice(prefix.length);
    if (!path.startsWith(prefix) || name === "" || name.includes("/")) continue;
    const root = mountFrame(mount, path, name);
    entries.push({ name, kind: root.node ? kindOf(root.node) : root.foreignKind! });
  }
  return entries;
}

/** In-memory lookups answer at once; only host-backed trees make resolution wait. */
function lookup(
  ctx: ResolveContext,
  dir: Frame,
  name: string,
): Frame | undefined | Promise<Frame | undefined> {
  const path = joinPath(dir.path, name);
  const mount = ctx.mounts.get(path);
  if (mount) return mountFrame(mount, path, name);
  if (dir.foreign) return foreignLookup(dir, name, path);
  const node = entriesOf(dir.node as DirNode, ctx.view).get(name);
  if (!node) return undefined;
  const names = [...dir.names, name];
  return { path, name, device: dir.device, readOnly: dir.readOnly, tree: dir.tree, names, node };
}

async function foreignLookup(dir: Frame, name: string, path: string): Promise<Frame | undefined> {
  const foreignPath = joinPath(dir.foreignPath!, name);
  try {
    const foreignKind = (await dir.foreign!.stat(foreignPath, { follow: false })).kind;
    const { device, readOnly, foreign } = dir;
    return { path, name, device, readOnly, names: [], foreign, foreignPath, foreignKind };
  } catch (error) {
    if (error instanceof FsError && error.code === "ENOENT") return undefined;
    throw error;
  }
}

function linkTarget(frame: Frame): string | Promise<string> {
  if (frame.foreign) return frame.foreign.readlink(frame.foreignPath!);
  return (frame.node as { target: string }).target;
}

/**
 * Resolves an absolute container path. `follow` decides whether a symlink in the last component
 * is followed; `allowMissing` lets the last component be absent (for creating it).
 */
export async function resolve(
  ctx: ResolveContext,
  path: string,
  options: { follow: boolean; allowMissing?: boolean },
): Promise<Resolved> {
  if (!path.startsWith("/")) throw new FsError("EINVAL", path, `path is not absolute: ${path}`);
  if (path.length > PATH_MAX) throw new FsError("ENAMETOOLONG", path, "File name too long");
  const remaining = path.split("/").filter((part) => part !== "" && part !== ".");
  // A trailing "/" (or "/.") asks for a directory, and follows a final symlink to get one.
  const wantsDir = path.length > 1 && /\/\.?$/.test(path);
  const follow = options.follow || wantsDir;
  let stack: Frame[] = [ctx.root];
  let links = 0;
  while (remaining.length > 0) {
    const name = remaining.shift()!;
    if (name === "..") {
      if (!isDirFrame(stack[stack.length - 1])) {
        throw new FsError("ENOTDIR", path, "Not a directory");
      }
      if (stack.length > 1) stack.pop();
      continue;
    }
    const dir = stack[stack.length - 1];
    if (!isDirFrame(dir)) throw new FsError("ENOTDIR", path, "Not a directory");
    if (name.length > NAME_MAX) throw new FsError("ENAMETOOLONG", path, "File name too long");
    const found = lookup(ctx, dir, name);
    const child = found instanceof Promise ? await found : found;
    const last = remaining.length === 0;
    if (!child) {
      if (last && options.allowMissing) {
        return { parent: dir, name, path: joinPath(dir.path, name) };
      }
      throw new FsError("ENOENT", path, "No such file or directory");
    }
    if (isSymlinkFrame(child) && (!last || follow)) {
      if (++links > MAX_SYMLINKS) {
        throw new FsError("ELOOP", path, "Too many levels of symbolic links");
      }
      const link = linkTarget(child);
      const target = typeof link === "string" ? link : await link;
      // An absolute target means the container's root, never the host's.
      if (target.startsWith("/")) stack = [ctx.root];
      remaining.unshift(...target.split("/").filter((part) => part !== "" && part !== "."));
      continue;
    }
    stack.push(child);
  }
  const target = stack[stack.length - 1];
  if (wantsDir && !isDirFrame(target)) throw new FsError("ENOTDIR", path, "Not a directory");
  return {
    parent: stack.length > 1 ? stack[stack.length - 2] : undefined,
    target,
    name: target.name,
    path: target.path,
  };
}
