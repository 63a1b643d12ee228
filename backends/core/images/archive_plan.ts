/**
 * Working out which images a loaded archive holds: from `manifest.json` (Docker archives, with
 * the original manifests found in `index.json` when Docker 25+ wrote it) or from an OCI
 * `index.json` (one platform out of nested indexes), with the tags each should get.
 *
 * @module
 */
import { InvalidParameter } from "../errors.ts";
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
import { type ImageReference, parseReference, withDefaultTag } from "./reference.ts";

interface DockerArchiveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

/** A planned image: its manifest (as stored or synthesised) and the tags to give it. */
export interface PlannedImage {
  manifestBytes: Uint8Array;
  tags: ImageReference[];
}

/** Plans the images of an archive whose files are stored; `resolve` maps paths to digests. */
export async function planImages(
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

/** What each layer of a manifest unpacks to (verifies that every layer decompresses). */
export async function measureLayers(store: ImageStore, manifestBytes: Uint8Array) {
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
