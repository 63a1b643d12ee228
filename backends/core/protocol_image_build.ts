/**
 * Backend calls for image content: push, save, load, import, commit, build, prune, search and
 * registry login.
 *
 * @module
 */

// deno-lint-ignore no-empty-interface
export interface ImageBuildCalls {}
