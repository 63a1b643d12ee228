/**
 * Backend calls for a container's filesystem and process figures: archive (docker cp), export,
 * changes, top, stats, and the remaining container verbs (pause, update, resize, prune).
 *
 * @module
 */

// deno-lint-ignore no-empty-interface
export interface ContainerFsCalls {}
