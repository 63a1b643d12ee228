/**
 * `docker load`: reads a Docker archive (`manifest.json`, also the pre-25 `<id>/layer.tar`
 * form) or an OCI image layout (`index.json`) from a tar stream. Every file is streamed into
 * the blob store and verified (a `blobs/sha256/<hex>` entry must hash to its name); images are
 * checked whole (config, layers, DiffIDs) before any is recorded. A bad archive leaves the store
 * as it was.
 *
 * @module
 */
import { createTarDecoder, type ParsedTarEntry } from "modern-tar";
import { InvalidParameter } from "../errors.ts";
import type { ImageRecord } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { measureLayers, planImages } from "./archive_plan.ts";
import { MediaType, type Platform } from "./oci.ts";
import { formatReference, type ImageReference } from "./reference.ts";
import { registerImage } from "./register.ts";

/** One loaded image and the tags it got. */
export interface LoadedImage {
  image: ImageRecord;
  tags: string[];
}

/** What `docker load` reports: the images and its `Loaded image…` lines. */
export interface LoadResult {
  images: LoadedImage[];
  /** `Loaded image: busybox:latest` / `Loaded image ID: sha256:…`, as `{"stream"}` lines. */
  messages: string[];
}

const metadataFiles = new Set(["manifest.json", "index.json", "oci-layout", "repositories"]);
const maxMetadataBytes = 16 * 1024 * 1024;

/**
 * Loads every image of an archive.
 *
 * @example
 * ```ts
 * const { messages } = await loadImages(store, (await Deno.open("busybox.tar")).readable);
 * // ["Loaded image: busybox:latest"]
 * ```
 */
export async function loadImages(
  store: ImageStore,
  archive: ReadableStream<Uint8Array>,
  options: { platform?: Platform; signal?: AbortSignal } = {},
): Promise<LoadResult> {
  const files = new Map<string, string>(); // archive path → blob digest
  const links = new Map<string, string>(); // archive path → path it links to
  const metadata = new Map<string, unknown>();
  const created: string[] = [];
  const leases: (() => void)[] = [];
  let done = false;
  try {
    const entries = archive.pipeThrough(createTarDecoder());
    for await (const entry of entries as unknown as AsyncIterable<ParsedTarEntry>) {
      options.signal?.throwIfAborted();
      const path = safePath(entry.header.name);
      const type = entry.header.type ?? "file";
      if (type === "symlink" || type === "link") {
        const target = entry.header.linkname ?? "";
        links.set(path, type === "symlink" ? safePath(joinPath(path, target)) : safePath(target));
      }
      if (type !== "file") {
        await entry.body.cancel();
        continue;
      }
      if (metadataFiles.has(path)) {
        metadata.set(path, await readJson(entry, path));
        continue;
      }
      const named = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path);
      const stored = await store.blobs.put(entry.body, {
        ...(named && { digest: `sha256:${named[1]}` }),
        size: entry.header.size,
        what: `archive entry ${path}`,
        signal: options.signal,
      }).catch((error) => {
        throw new InvalidParameter(`invalid archive: ${(error as Error).message}`);
      });
      leases.push(store.lease([stored.digest]));
      if (stored.created) created.push(stored.digest);
      files.set(path, stored.digest);
    }
    const resolve = (path: string): string => {
      let current = safePath(path);
      for (let hops = 0; links.has(current) && hops < 16; hops++) current = links.get(current)!;
      const digest = files.get(current);
      if (!digest) {
        throw new InvalidParameter(`invalid archive: ${path} is referenced but not in the archive`);
      }
      return digest;
    };
    const planned = await planImages(store, metadata, resolve, created, leases, options.platform);
    // Check every image whole before recording any.
    const checked = [];
    for (const plan of planned) {
      checked.push({ plan, layerContents: await measureLayers(store, plan.manifestBytes) });
    }
    const result: LoadResult = { images: [], messages: [] };
    for (const { plan, layerContents } of checked) {
      const image = await registerImage(store, {
        manifestBytes: plan.manifestBytes,
        manifestMediaType: MediaType.ociManifest,
        layerContents,
      }, { tags: plan.tags });
      const tags = plan.tags.map(formatReference);
      result.images.push({ image, tags });
      if (tags.length === 0) result.messages.push(`Loaded image ID: ${image.id}`);
      for (const tag of plan.tags) result.messages.push(`Loaded image: ${familiar(tag)}`);
    }
    done = true;
    return result;
  } finally {
    for (const release of leases) release();
    if (!done) await store.collectGarbage(created);
  }
}

function familiar(reference: ImageReference): string {
  const name = formatReference(reference).replace(/^docker\.io\/(library\/)?/, "");
  return name;
}

// Archive paths must stay inside the archive: no absolute paths, no `..`.
function safePath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      throw new InvalidParameter(
        `invalid archive: entry ${JSON.stringify(name)} escapes the archive`,
      );
    }
    parts.push(part);
  }
  if (name.startsWith("/")) {
    throw new InvalidParameter(`invalid archive: absolute entry ${JSON.stringify(name)}`);
  }
  return parts.join("/");
}

function joinPath(from: string, target: string): string {
  if (target.startsWith("/")) {
    throw new InvalidParameter(`invalid archive: absolute link ${JSON.stringify(target)}`);
  }
  const base = from.split("/").slice(0, -1);
  return [...base, target].join("/").split("/").reduce<string[]>((parts, part) => {
    if (part === "..") {
      if (parts.length === 0) {
        throw new InvalidParameter(`invalid archive: link ${from} escapes the archive`);
      }
      parts.pop();
    } else if (part !== "." && part !== "") parts.push(part);
    return parts;
  }, []).join("/");
}

async function readJson(entry: ParsedTarEntry, path: string): Promise<unknown> {
  const size = entry.header.size ?? 0;
  if (size > maxMetadataBytes) throw new InvalidParameter(`invalid archive: ${path} is too large`);
  // modern-tar ends a truncated entry's body early without an error, so count.
  const bytes = new Uint8Array(await new Response(entry.body).arrayBuffer());
  if (bytes.length !== size) {
    throw new InvalidParameter(
      `invalid archive: ${path} is truncated (${bytes.length} of ${size} bytes)`,
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InvalidParameter(`invalid archive: ${path} is not JSON`);
  }
}
