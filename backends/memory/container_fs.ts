/**
 * A container's filesystem through the API on the memory backend: `docker cp` (archive HEAD,
 * GET and PUT), `docker export` and `docker diff`. The container actor owns the filesystem and
 * does the work; this file applies Docker's rules around it (read-only root, `copyUIDGID`), and
 * works on created and stopped containers as well as running ones, as moby does.
 *
 * @module
 */
import { Conflict, Forbidden } from "../core/errors.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import type { Container } from "./container.ts";
import type { ArchiveGetReply, ArchiveStat, ContainerChange } from "./container/protocol.ts";
import type { MemoryBackendState } from "./state.ts";

type FsHandlers = Pick<
  BackendHandlers,
  | "container.archiveStat"
  | "container.archiveGet"
  | "container.archivePut"
  | "container.export"
  | "container.changes"
>;

/** The container, refusing one whose actor (and so its filesystem) is gone. */
export function withFilesystem(state: MemoryBackendState, id: string): Container {
  const c = state.containers.get(id);
  if (c.actorLost) throw new Conflict(`container ${c.id} has no filesystem: ${c.actorLost}`);
  return c;
}

/** moby logs these container events for archive GET, archive PUT and export. */
function publish(state: MemoryBackendState, c: Container, action: string): void {
  state.events.publish("container", action, { ID: c.id, Attributes: c.eventAttributes() });
}

export function containerFsHandlers(state: MemoryBackendState): FsHandlers {
  return {
    "container.archiveStat": async ({ id, path }) => {
      const c = withFilesystem(state, id);
      return await c.actor.ask<ArchiveStat>({ type: "archive-stat", path });
    },
    "container.archiveGet": async ({ id, path }) => {
      const c = withFilesystem(state, id);
      const reply = await c.actor.ask<ArchiveGetReply>({ type: "archive-get", path });
      publish(state, c, "archive-path");
      return reply;
    },
    "container.archivePut": async ({ id, path, tar, noOverwriteDirNonDir, copyUIDGID }) => {
      let c: Container;
      try {
        c = withFilesystem(state, id);
        // moby's ErrRootFSReadOnly (the swagger's 403 for this endpoint).
        if (c.hostConfig.ReadonlyRootfs) {
          throw new Forbidden("container rootfs is marked read-only");
        }
      } catch (error) {
        await tar.cancel().catch(() => {});
        throw error;
      }
      // The client decides how long an upload may take; the actor reads the whole tar first.
      await c.actor.ask<void>(
        {
          type: "archive-put",
          path,
          tar,
          noOverwriteDirNonDir,
          // moby's tarCopyOptions: with copyUIDGID and a configured user, that user owns every
          // entry; otherwise the archive's owners are kept.
          owner: copyUIDGID && c.config.User ? c.config.User : undefined,
        },
        { transfer: [tar], timeoutMs: Number.POSITIVE_INFINITY },
      );
      publish(state, c, "extract-to-dir");
    },
    "container.export": async ({ id }) => {
      const c = withFilesystem(state, id);
      const tar = await c.actor.ask<ReadableStream<Uint8Array>>({ type: "export" });
      publish(state, c, "export");
      return tar;
    },
    "container.changes": async ({ id }) => {
      const c = withFilesystem(state, id);
      const changes = await c.actor.ask<ContainerChange[]>({ type: "changes" });
      // moby encodes a nil slice: an unchanged container answers null.
      return changes.length ? changes : null;
    },
  };
}
