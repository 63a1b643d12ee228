/**
 * What the differential harness needs from the sandbox, through its public face.
 *
 * @module
 */
export { createFileSystem, createSandbox, type FileSystem } from "../../sandbox/mod.ts";
export { rootfsLayer } from "../../sandbox/rootfs/mod.ts";
