/**
 * Creating a container's filesystem: a writable tree over an image, the mounts Docker gives every
 * container (/proc, /dev, /dev/shm), and further mounts (volumes, binds, tmpfs, host trees).
 *
 * @module
 */
import { basename, dirname, normalizePath } from "../path.ts";
import { type FileSystem, FsError, type ProcessTable, type SystemInfo } from "../types.ts";
import { type Change, containerChanges } from "./changes.ts";
import { createDevTree } from "./devices.ts";
import type { Layer } from "./layer.ts";
import { LayeredFileSystem, type SharedState } from "./layered_fs.ts";
import type { ProcessView } from "./node.ts";
import { createProcTree } from "./proc.ts";
import type { Mount } from "./resolve.ts";
import { MemoryTree } from "./tree.ts";

export interface FileSystemOptions {
  /** The image's top layer; without one the container starts from an empty root. */
  image?: Layer;
  /** Facts for /proc; without them no /proc is mounted. */
  system?: SystemInfo;
  processes?: ProcessTable;
  /** Mount Docker's /dev (devices, stdio links) and a /dev/shm tmpfs; default true. */
  devices?: boolean;
  /** Size of /dev/shm; Docker's default is 64 MiB. */
  shmBytes?: number;
}

/** What to mount: part of an in-memory tree, another container's path, or an async host tree. */
export type MountSource =
  | { tree: MemoryTree; path?: string }
  | { filesystem: ContainerFileSystem; path: string }
  | { foreign: FileSystem; path?: string };

export interface MountOptions {
  readOnly?: boolean;
  /** As /proc/mounts shows it; defaults to "tmpfs" for trees and "bind" otherwise. */
  type?: string;
  source?: string;
  options?: string;
}

/** Docker's SizeRw and SizeRootFs for this container. */
export interface ContainerSize {
  SizeRw: number;
  SizeRootFs: number;
}

export class ContainerFileSystem extends LayeredFileSystem {
  constructor(shared: SharedState, view: ProcessView, readonly image?: Layer) {
    super(shared, view);
  }

  override forProcess(view: ProcessView): ContainerFileSystem {
    return new ContainerFileSystem(this.shared, view, this.image);
  }

  /** Mounts `source` at the absolute container path `at`, hiding what was there. */
  async mount(at: string, source: MountSource, options: MountOptions = {}): Promise<void> {
    const path = normalizePath(at);
    if (path === "/") throw new FsError("EINVAL", at, "cannot mount over the container root");

    const readOnly = options.readOnly ?? false;
    let mount: Mount;
    if ("tree" in source) {
      const names = await treeNames(source.tree, source.path ?? "/");
      const type = options.type ?? "tmpfs";
      mount = {
        type,
        source: options.source ?? type,
        readOnly,
        options: options.options,
        tree: source.tree,
        names,
      };
    } else if ("filesystem" in source) {
      // Resolve in the source container so its symlinks are followed inside its own root.
      const frame = (await source.filesystem.resolve(normalizePath(source.path), true)).target!;
      mount = {
        type: options.type ?? "bind",
        source: options.source ?? source.path,
        readOnly,
        options: options.options,
        tree: frame.tree,
        names: frame.names,
        foreign: frame.foreign,
        foreignPath: frame.foreignPath,
        foreignKind: frame.foreignKind,
      };
    } else {
      const { kind } = await source.foreign.stat(source.path ?? "/");
      mount = {
        type: options.type ?? "bind",
        source: options.source ?? source.path ?? "/",
        readOnly,
        options: options.options,
        foreign: source.foreign,
        foreignPath: source.path ?? "/",
        foreignKind: kind,
      };
    }
    const point = await this.#mountPoint(path);
    if (point === "/") throw new FsError("EINVAL", at, "cannot mount over the container root");
    if (this.shared.mounts.has(point)) throw new FsError("EINVAL", at, `${at}: already mounted`);
    this.shared.mounts.set(point, mount);
  }

  /**
   * Where a mount at `path` really goes: its parents are made (as Docker makes them) and symlinks
   * on the way are followed inside the container, as Docker's FollowSymlinkInScope does, since
   * lookups meet mount points by their canonical path. The mount point itself may be missing.
   */
  async #mountPoint(path: string): Promise<string> {
    const parent = dirname(path);
    if (parent !== "/") await this.mkdir(parent, { recursive: true });
    try {
      return await this.realpath(path);
    } catch (error) {
      if (!(error instanceof FsError && error.code === "ENOENT")) throw error;
      const real = await this.realpath(parent);
      return real === "/" ? `/${basename(path)}` : `${real}/${basename(path)}`;
    }
  }

  unmount(at: string): void {
    const path = normalizePath(at);
    for (const other of this.shared.mounts.keys()) {
      if (other.startsWith(`${path}/`)) {
        throw new FsError("EPERM", at, `${at}: target is busy (${other})`);
      }
    }
    if (!this.shared.mounts.delete(path)) throw new FsError("EINVAL", at, `${at}: not mounted`);
  }

  /** Container paths that have something mounted on them, in mount order. */
  mountPoints(): string[] {
    return [...this.shared.mounts.keys()];
  }

  /** Lines of /proc/mounts: the root overlay, then every mount in the order it was made. */
  mountTable(): string[] {
    const lines = ["overlay / overlay rw 0 0"];
    for (const [path, m] of this.shared.mounts) {
      const options = [m.readOnly ? "ro" : "rw", ...(m.options ? [m.options] : [])].join(",");
      lines.push(`${m.source} ${path} ${m.type} ${options} 0 0`);
    }
    return lines;
  }

  /** `docker diff`: the container layer against the image. */
  changes(): Change[] {
    return containerChanges(this.tree);
  }

  /** Bytes of file data in the container layer, and in it plus the image layers. */
  size(): ContainerSize {
    const SizeRw = this.tree.used;
    return { SizeRw, SizeRootFs: SizeRw + (this.image?.chainSize ?? 0) };
  }
}

/** Canonical names of `path` inside a tree, following its symlinks within that tree. */
async function treeNames(tree: MemoryTree, path: string): Promise<string[]> {
  const view = new LayeredFileSystem({ tree, mounts: new Map() });
  const frame = (await view.resolve(normalizePath(path), true)).target!;
  return frame.names;
}

/** A tmpfs: an empty in-memory tree with an optional size limit (ENOSPC past it). */
export function createTmpfs(options: { sizeBytes?: number; mode?: number } = {}): MemoryTree {
  return new MemoryTree({ limitBytes: options.sizeBytes, mode: options.mode ?? 0o1777 });
}

/**
 * A new container filesystem over `image` (shared, never copied: the container's tree copies up
 * only what it changes), with /proc, /dev and /dev/shm mounted as Docker mounts them.
 */
export async function createFileSystem(
  options: FileSystemOptions = {},
): Promise<ContainerFileSystem> {
  const tree = new MemoryTree({ base: options.image?.root });
  const fs = new ContainerFileSystem({ tree, mounts: new Map() }, {}, options.image);
  if (options.system) {
    const proc = createProcTree({
      system: options.system,
      processes: options.processes,
      mounts: () => fs.mountTable(),
    });
    await fs.mount("/proc", { tree: proc }, {
      type: "proc",
      source: "proc",
      readOnly: true,
      options: "nosuid,nodev,noexec,relatime",
    });
  }
  if (options.devices ?? true) {
    await fs.mount("/dev", { tree: createDevTree() }, {
      type: "tmpfs",
      source: "tmpfs",
      options: "nosuid,size=65536k,mode=755",
    });
    const shmBytes = options.shmBytes ?? 64 * 1024 * 1024;
    await fs.mount("/dev/shm", { tree: createTmpfs({ sizeBytes: shmBytes }) }, {
      type: "tmpfs",
      source: "shm",
      options: `nosuid,nodev,noexec,relatime,size=${shmBytes / 1024}k`,
    });
  }
  return fs;
}
