/**
 * Creating an image from layer tars and a config, for `docker commit`, `docker import` and the
 * builder: each new layer is gzipped into the blob store while its DiffID and size are measured
 * from the same bytes, then config and OCI manifest are written and the image recorded. A
 * failure leaves no new blobs behind.
 *
 * @module
 */
import { gzip } from "./compression.ts";
import { DigestStream } from "./digest.ts";
import type { ImageRecord } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { type HistoryEntry, type ImageConfig, type ImageManifest, MediaType } from "./oci.ts";
import { parseReference, withDefaultTag } from "./reference.ts";
import { registerImage } from "./register.ts";

/** What a new image is made of. */
export interface NewImage {
  /** The image it builds on; its layers come first and its config is the default. */
  base?: ImageRecord;
  /** New layers as uncompressed tars, bottom first (may be empty, as for `ENV` steps). */
  layers?: ReadableStream<Uint8Array>[];
  /** Config fields; `rootfs` is computed. Missing architecture/os come from the base or linux/amd64. */
  config?: Partial<Omit<ImageConfig, "rootfs">>;
  /** History entries for the new layers (and empty steps), appended to the base's. */
  history?: HistoryEntry[];
  /** Tags to point at the new image. */
  tags?: string[];
  signal?: AbortSignal;
}

/**
 * Stores a new image and returns its record.
 *
 * @example
 * ```ts
 * const image = await createImage(store, {
 *   base: store.resolve("busybox").image,
 *   layers: [containerDiffTar],
 *   config: { config: { Cmd: ["sh", "-c", "echo hi"] } },
 *   history: [{ created_by: "docker commit" }],
 *   tags: ["app:1"],
 * });
 * ```
 */
export async function createImage(store: ImageStore, spec: NewImage): Promise<ImageRecord> {
  const created: string[] = [];
  const leases: (() => void)[] = [];
  let image: ImageRecord | undefined;
  try {
    const base = spec.base;
    if (base) {
      leases.push(store.lease([base.manifestDigest, base.id, ...base.layers.map((l) => l.digest)]));
    }
    const layers = [...(base?.layers ?? [])];
    const layerContents = layers.map((l) => ({ diffId: l.diffId, size: l.uncompressedSize }));
    for (const tar of spec.layers ?? []) {
      const measuring = new DigestStream();
      const stored = await store.blobs.put(gzip(tar.pipeThrough(measuring)), {
        what: "new layer",
        signal: spec.signal,
      });
      leases.push(store.lease([stored.digest]));
      if (stored.created) created.push(stored.digest);
      const content = { diffId: measuring.digest(), size: measuring.size };
      layerContents.push(content);
      layers.push({
        digest: stored.digest,
        mediaType: MediaType.ociLayerGzip,
        size: stored.size,
        diffId: content.diffId,
        uncompressedSize: content.size,
      });
    }
    const baseConfig = base?.config;
    const config: ImageConfig = {
      ...baseConfig,
      created: new Date().toISOString(),
      ...spec.config,
      architecture: spec.config?.architecture ?? baseConfig?.architecture ?? "amd64",
      os: spec.config?.os ?? baseConfig?.os ?? "linux",
      rootfs: { type: "layers", diff_ids: layerContents.map((c) => c.diffId) },
      history: [...(baseConfig?.history ?? []), ...(spec.history ?? [])],
    };
    const configBytes = new TextEncoder().encode(JSON.stringify(config));
    const storedConfig = await store.blobs.putBytes(configBytes);
    leases.push(store.lease([storedConfig.digest]));
    if (storedConfig.created) created.push(storedConfig.digest);
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: {
        mediaType: MediaType.ociConfig,
        digest: storedConfig.digest,
        size: configBytes.length,
      },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    };
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
    const storedManifest = await store.blobs.putBytes(manifestBytes);
    if (storedManifest.created) created.push(storedManifest.digest);
    leases.push(store.lease([storedManifest.digest]));
    image = await registerImage(
      store,
      { manifestBytes, manifestMediaType: MediaType.ociManifest, layerContents },
      { tags: (spec.tags ?? []).map((tag) => withDefaultTag(parseReference(tag))) },
    );
    return image;
  } finally {
    for (const release of leases) release();
    if (!image) await store.collectGarbage(created);
  }
}
