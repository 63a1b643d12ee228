/**
 * The sandbox's in-memory filesystem.
 *
 * - Image layers ({@link Layer}, built by {@link LayerBuilder} or `importLayer` from
 *   `sandbox/tar`) are immutable trees; OCI whiteouts in a layer delete from the layers below.
 *   One layer is shared by every container and child layer that uses it.
 * - {@link createFileSystem} gives a container its {@link ContainerFileSystem}: a writable tree
 *   over the image that copies up only what it changes, with /proc (when given `system`), /dev
 *   and /dev/shm mounted as Docker mounts them. `changes()` is `docker diff`, `size()` gives
 *   `SizeRw`/`SizeRootFs`, {@link commitLayer} turns the container's changes into a new layer.
 * - `mount()` attaches an in-memory tree ({@link createTmpfs}, a volume's {@link MemoryTree}), a
 *   path of another container's filesystem (bind), or any async {@link FileSystem} (a host tree
 *   reached through the backend actor). Read-only mounts refuse writes with EROFS.
 * - Paths never leave the root: `..` stops there, absolute symlinks restart from it, more than
 *   40 symlinks in one lookup is ELOOP.
 * - /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/{0,1,2} link into /proc/self/fd, which
 *   shows the looking process's own streams: the process layer gives each process its view with
 *   `withStdio(fs, { pid, stdin, stdout, stderr })` (same trees and mounts, its own /proc/self).
 *
 * @example
 * ```ts
 * const fs = await createFileSystem({ image: layer, system, processes });
 * const view = withStdio(fs, { pid: 7, stdin, stdout, stderr });
 * await view.writeFile("/dev/stdout", new TextEncoder().encode("hi\n"));
 * ```
 *
 * @module
 */
export {
  ContainerFileSystem,
  type ContainerSize,
  createFileSystem,
  createTmpfs,
  type FileSystemOptions,
  type MountOptions,
  type MountSource,
} from "./container_fs.ts";
export { type Change, ChangeKind } from "./changes.ts";
export { DEVICES } from "./devices.ts";
export { Layer, LayerBuilder, OPAQUE_WHITEOUT, WHITEOUT_PREFIX } from "./layer.ts";
export { LayeredFileSystem } from "./layered_fs.ts";
export { commitLayer } from "./commit.ts";
export { type DirNode, majorOf, makeDev, minorOf, type Node } from "./node.ts";
export { MAX_SYMLINKS } from "./resolve.ts";
export { type ProcessStdio, withStdio } from "./stdio.ts";
export { MemoryTree } from "./tree.ts";
