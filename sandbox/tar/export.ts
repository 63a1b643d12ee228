/**
 * Writing part of a container filesystem as a tar stream: the whole root for `docker export`, or
 * one path for `GET /containers/{id}/archive` (`docker cp` out). Entries are produced as the
 * consumer reads, so a large tree never sits in memory twice.
 *
 * @module
 */
import { createTarPacker, type TarHeader } from "modern-tar";
import type { FileSystem, Stat } from "../types.ts";

export interface ExportOptions {
  /**
   * Name of `path` inside the archive: "" puts its children at the top (docker export), a name
   * makes it the top entry (archive GET uses the path's base name). Default "".
   */
  as?: string;
  /**
   * Paths to leave out (`true`), or to write as an empty directory or file without descending
   * (`"empty"`: docker export keeps mount points such as /proc as empty directories).
   */
  exclude?: (path: string) => boolean | "empty";
  signal?: AbortSignal;
}

const CHUNK = 64 * 1024;

function join(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

function header(name: string, stat: Stat, extra: Partial<TarHeader>): TarHeader {
  return {
    name,
    size: 0,
    mode: stat.mode,
    uid: stat.uid,
    gid: stat.gid,
    mtime: new Date(stat.mtimeMs),
    ...extra,
  };
}

/** The mount point `path` lives under ("/" for the root tree), when the filesystem says. */
function deviceOf(fs: FileSystem, path: string): string {
  const mounts = (fs as { mountPoints?: () => string[] }).mountPoints?.() ?? [];
  let device = "/";
  for (const mount of mounts) {
    if ((path === mount || path.startsWith(`${mount}/`)) && mount.length > device.length) {
      device = mount;
    }
  }
  return device;
}

async function addEntry(
  fs: FileSystem,
  path: string,
  name: string,
  links: Map<string, string>,
  add: (h: TarHeader, body?: Uint8Array) => Promise<void>,
  options: ExportOptions,
): Promise<void> {
  options.signal?.throwIfAborted();
  const excluded = options.exclude?.(path) ?? false;
  if (excluded === true) return;
  const stat = await fs.stat(path, { follow: false });
  if (excluded === "empty") {
    const type = stat.kind === "dir" ? "directory" : "file";
    return await add(header(stat.kind === "dir" ? `${name}/` : name, stat, { type }));
  }
  switch (stat.kind) {
    case "dir": {
      if (name !== "") await add(header(`${name}/`, stat, { type: "directory" }));
      for (const entry of await fs.readdir(path)) {
        const child = name === "" ? entry.name : `${name}/${entry.name}`;
        await addEntry(fs, join(path, entry.name), child, links, add, options);
      }
      return;
    }
    case "file": {
      // Inode numbers are only unique within one mounted tree.
      const inode = `${deviceOf(fs, path)}:${stat.ino}`;
      const first = stat.nlink > 1 ? links.get(inode) : undefined;
      if (first !== undefined) {
        return await add(header(name, stat, { type: "link", linkname: first }));
      }
      if (stat.nlink > 1) links.set(inode, name);
      const data = await fs.readFile(path);
      return await add(header(name, stat, { type: "file", size: data.length }), data);
    }
    case "symlink":
      return await add(header(name, stat, { type: "symlink", linkname: await fs.readlink(path) }));
    case "fifo":
      return await add(header(name, stat, { type: "fifo" }));
    case "chardev":
      throw new Error(
        `cannot archive ${path}: device files need device numbers, which the tar writer does not write`,
      );
  }
}

/**
 * A tar stream of `path` in `fs`: directories recursively, files with their content, symlinks
 * as links, hard links (files sharing an inode) as link entries to the first name written.
 *
 * @example
 * ```ts
 * const tar = exportTar(fs, "/", { exclude: (p) => p === "/proc" || p === "/dev" });
 * ```
 */
export function exportTar(fs: FileSystem, path: string, options: ExportOptions = {}) {
  const { readable, controller } = createTarPacker();
  const add = async (h: TarHeader, body?: Uint8Array) => {
    const writer = controller.add(h).getWriter();
    for (let offset = 0; body && offset < body.length; offset += CHUNK) {
      await writer.write(body.subarray(offset, offset + CHUNK));
    }
    await writer.close();
  };
  (async () => {
    try {
      await addEntry(fs, path, options.as ?? "", new Map(), add, options);
      controller.finalize();
    } catch (error) {
      controller.error(error);
    }
  })();
  return readable as ReadableStream<Uint8Array>;
}
