/**
 * Importing an image layer from a tar stream (plain or gzip), as a registry blob or
 * `docker load`/`import` delivers it. Entries stream into a {@link LayerBuilder} that nobody
 * else can see; only a complete, valid archive becomes a {@link Layer}.
 *
 * @module
 */
import type { ParsedTarEntry } from "modern-tar";
import { type Layer, LayerBuilder } from "../fs/mod.ts";
import { FsError } from "../types.ts";
import { ByteBudget, entryPath, readBody, tarEntries, TarError } from "./entries.ts";

export interface ImportLayerOptions {
  /** The layer this one goes on top of. */
  parent?: Layer;
  /** Refuse archives whose entries add up to more bytes than this. */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** Node metadata from a tar header. */
export function headerMeta(entry: ParsedTarEntry) {
  const { mode, uid, gid, mtime } = entry.header;
  const mtimeMs = mtime && !Number.isNaN(mtime.getTime()) ? mtime.getTime() : undefined;
  return { mode: mode === undefined ? undefined : mode & 0o7777, uid, gid, mtimeMs };
}

async function addEntry(builder: LayerBuilder, entry: ParsedTarEntry, signal?: AbortSignal) {
  const { header } = entry;
  const path = entryPath(header.name);
  const meta = headerMeta(entry);
  switch (header.type ?? "file") {
    case "file":
      return builder.file(path, await readBody(entry, signal), meta);
    case "directory":
      if (path !== "") builder.dir(path, meta);
      return;
    case "symlink":
      // Targets are kept as written: the container's resolver keeps them inside its root.
      return builder.symlink(path, header.linkname ?? "", meta);
    case "link":
      return builder.link(path, entryPath(header.linkname ?? ""));
    case "fifo":
      return builder.fifo(path, meta);
    default:
      throw new TarError(
        `tar entry ${header.name}: ${header.type} entries are not supported in layers ` +
          "(the tar reader does not expose device numbers)",
      );
  }
}

/**
 * Reads a layer tar into a new immutable layer over `parent`. OCI whiteouts (`.wh.<name>`,
 * `.wh..wh..opq`) become deletions in the layer. On any error the partial layer is dropped.
 *
 * @example
 * ```ts
 * const base = await importLayer((await fetch(blobUrl)).body!);
 * const fs = await createFileSystem({ image: base });
 * ```
 */
export async function importLayer(
  stream: ReadableStream<Uint8Array>,
  options: ImportLayerOptions = {},
): Promise<Layer> {
  const builder = new LayerBuilder(options.parent);
  const budget = new ByteBudget(options.maxBytes);
  for await (const entry of tarEntries(stream, options.signal)) {
    try {
      budget.take(entry);
      await addEntry(builder, entry, options.signal);
    } catch (error) {
      await entry.body.cancel().catch(() => {});
      if (error instanceof FsError) {
        throw new TarError(`tar entry ${entry.header.name}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
  return builder.finish();
}
