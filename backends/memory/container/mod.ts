/**
 * The memory backend's container actor: one container's filesystem and process tree in a Worker
 * with no host permissions. Spawn it with {@link containerActorModule} and talk to it with the
 * messages and replies of ./protocol.ts.
 *
 * @example
 * ```ts
 * const ref = await spawn<ContainerMsg, ContainerActorArgs>({
 *   module: containerActorModule,
 *   args: { id, hostname: id.slice(0, 12), image: { kind: "builtin" }, ncpu, memTotal },
 *   permissions: "none",
 * });
 * const run = await ref.ask<RunReply>({ type: "run", role: "main", process });
 * ```
 *
 * @module
 */
export type {
  ArchiveGetReply,
  ArchiveStat,
  ContainerActorArgs,
  ContainerChange,
  ContainerMsg,
  ContainerProcess,
  ContainerReplies,
  ContainerSizes,
  ProcessSpec,
  RunReply,
} from "./protocol.ts";

/** The actor module to pass to `spawn` (its default export is the behaviour). */
export const containerActorModule: URL = new URL("./actor.ts", import.meta.url);
