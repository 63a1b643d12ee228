/**
 * Host trees: a host directory served by the backend Worker over a MessagePort (server) and
 * mounted in a permissionless container Worker as a sandbox FileSystem (client).
 *
 * @module
 */
export { HostTreeClient } from "./client.ts";
export { type HostTreeOptions, serveHostTree, statOf } from "./server.ts";
export { scopedPath } from "./scoped_path.ts";
