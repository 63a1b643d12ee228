/**
 * The sandbox's in-memory filesystem: immutable image layers shared between containers, a
 * writable container layer over them, mounts (tmpfs, volumes, binds, host trees), /dev and /proc,
 * and Docker's diff and size figures.
 *
 * @example
 * ```ts
 * const fs = await createFileSystem();
 * await fs.writeFile("/hello", new TextEncoder().encode("hi"));
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
