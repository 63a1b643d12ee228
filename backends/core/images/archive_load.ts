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
import { measureLayer, sniffCompression } from "./layer_digest.ts";
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  isIndexMediaType,
  MediaType,
  parseImageConfig,
  type Platform,
} from "./oci.ts";
import {
  formatReference,
  type ImageReference,
  parseReference,
  withDefaultTag,
} from "./reference.ts";
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

interface DockerArchiveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

/** A planned image: its manifest (as stored or synthesised) and the tags to give it. */
interface PlannedImage {
  manifestBytes: Uint8Array;
  tags: ImageReference[];
}

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

async function planImages(
  store: ImageStore,
  metadata: Map<string, unknown>,
  resolve: (path: string) => string,
  created: string[],
  leases: (() => void)[],
  platform?: Platform,
): Promise<PlannedImage[]> {
  const dockerManifest = metadata.get("manifest.json") as DockerArchiveEntry[] | undefined;
  const ociIndex = metadata.get("index.json") as ImageIndex | undefined;
  if (dockerManifest) {
    if (!Array.isArray(dockerManifest)) {
      throw new InvalidParameter("invalid archive: manifest.json is not a list");
    }
    // Docker 25+ archives also hold the original manifests; find them to keep their digests.
    const originals = ociIndex ? await indexManifests(store, ociIndex, resolve, platform) : [];
    const plans: PlannedImage[] = [];
    for (const entry of dockerManifest) {
      if (typeof entry.Config !== "string" || !Array.isArray(entry.Layers)) {
        throw new InvalidParameter("invalid archive: a manifest.json entry lacks Config or Layers");
      }
      const configDigest = resolve(entry.Config);
      const layers = entry.Layers.map(resolve);
      const original = originals.find((m) => {
        const manifest = parseManifest(m.bytes);
        return manifest.config.digest === configDigest &&
          manifest.layers.map((l) => l.digest).join() === layers.join();
      });
      const manifestBytes = original?.bytes ??
        await synthesizeManifest(store, configDigest, layers);
      const stored = await store.blobs.putBytes(manifestBytes);
      leases.push(store.lease([stored.digest]));
      if (stored.created) created.push(stored.digest);
      plans.push({
        manifestBytes,
        tags: (entry.RepoTags ?? []).map((t) => withDefaultTag(parseReference(t))),
      });
    }
    return plans;
  }
  if (ociIndex) {
    return (await indexManifests(store, ociIndex, resolve, platform)).map((m) => ({
      manifestBytes: m.bytes,
      tags: m.names.map((n) => withDefaultTag(parseReference(n))),
    }));
  }
  throw new InvalidParameter(
    "invalid archive: it has neither manifest.json (Docker) nor index.json (OCI layout)",
  );
}

function parseManifest(bytes: Uint8Array): ImageManifest {
  return JSON.parse(new TextDecoder().decode(bytes)) as ImageManifest;
}

// The image manifests an OCI index names (one platform out of nested indexes), with the full
// reference names its annotations give (`io.containerd.image.name`, or a full ref.name).
async function indexManifests(
  store: ImageStore,
  index: ImageIndex,
  resolve: (path: string) => string,
  platform: Platform = { os: "linux", architecture: "amd64" },
): Promise<{ bytes: Uint8Array; names: string[] }[]> {
  if (!Array.isArray(index.manifests)) {
    throw new InvalidParameter("invalid archive: index.json has no manifests");
  }
  const found = new Map<string, { bytes: Uint8Array; names: string[] }>();
  const visit = async (descriptor: Descriptor, names: string[], depth: number): Promise<void> => {
    const digest = resolve(`blobs/sha256/${descriptor.digest.replace(/^sha256:/, "")}`);
    const bytes = await store.blobs.readBytes(digest);
    if (isIndexMediaType(descriptor.mediaType)) {
      if (depth > 4) throw new InvalidParameter("invalid archive: indexes nested too deeply");
      const nested = JSON.parse(new TextDecoder().decode(bytes)) as ImageIndex;
      const entry = nested.manifests.find((m) =>
        m.platform?.os === platform.os && m.platform?.architecture === platform.architecture
      );
      if (!entry) {
        const available = nested.manifests.filter((m) => m.platform).map((m) =>
          `${m.platform!.os}/${m.platform!.architecture}`
        );
        throw new InvalidParameter(
          `invalid archive: no manifest for ${platform.os}/${platform.architecture} (has ${
            available.join(", ") || "none"
          })`,
        );
      }
      return await visit(entry, names, depth + 1);
    }
    const image = found.get(digest) ?? { bytes, names: [] };
    image.names.push(...names.filter((n) => !image.names.includes(n)));
    found.set(digest, image);
  };
  for (const descriptor of index.manifests) {
    const annotations = descriptor.annotations ?? {};
    const name = annotations["io.containerd.image.name"] ??
      fullName(annotations["org.opencontainers.image.ref.name"]);
    await visit(descriptor, name ? [name] : [], 0);
  }
  return [...found.values()];
}

// `org.opencontainers.image.ref.name` is often just a tag ("latest"); only a full name names.
function fullName(refName: string | undefined): string | undefined {
  if (!refName || !refName.includes("/") && !refName.includes(":")) return undefined;
  try {
    parseReference(refName);
    return refName;
  } catch {
    return undefined;
  }
}

async function synthesizeManifest(
  store: ImageStore,
  configDigest: string,
  layers: string[],
): Promise<Uint8Array> {
  const configBytes = await store.blobs.readBytes(configDigest);
  parseImageConfig(configBytes);
  const descriptors: Descriptor[] = [];
  for (const digest of layers) {
    const head = await readHead(store, digest);
    descriptors.push({
      mediaType: sniffCompression(head) === "gzip" ? MediaType.ociLayerGzip : MediaType.ociLayer,
      digest,
      size: await store.blobs.size(digest),
    });
  }
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: configDigest, size: configBytes.length },
    layers: descriptors,
  };
  return new TextEncoder().encode(JSON.stringify(manifest));
}

async function readHead(store: ImageStore, digest: string): Promise<Uint8Array> {
  const reader = (await store.blobs.open(digest)).getReader();
  try {
    const { value } = await reader.read();
    return value ?? new Uint8Array();
  } finally {
    await reader.cancel();
  }
}

async function measureLayers(store: ImageStore, manifestBytes: Uint8Array) {
  const manifest = parseManifest(manifestBytes);
  const contents = [];
  for (const layer of manifest.layers) {
    const head = await readHead(store, layer.digest);
    contents.push(
      await measureLayer(
        await store.blobs.open(layer.digest),
        sniffCompression(head),
        `layer ${layer.digest}`,
      ),
    );
  }
  return contents;
}
