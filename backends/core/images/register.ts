/**
 * Turns stored blobs (manifest, config, layers) into an image record, after checking that they
 * belong together: the config is the manifest's, and each layer unpacks to the DiffID the config
 * names. Pull and load both end here.
 *
 * @module
 */
import { digestOf } from "./digest.ts";
import type { ImageRecord, LayerRecord } from "./image_record.ts";
import { zeroTime } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { type LayerContent, LayerContentError } from "./layer_digest.ts";
import { type ImageManifest, isManifestMediaType, parseImageConfig } from "./oci.ts";
import type { ImageReference } from "./reference.ts";

/** What {@link registerImage} needs: the manifest as stored and what each layer unpacks to. */
export interface ImageBlobs {
  manifestBytes: Uint8Array;
  manifestMediaType: string;
  /** Per manifest layer, in order. */
  layerContents: LayerContent[];
}

/**
 * Records an image whose blobs are all stored, pointing the given names at it.
 *
 * @example
 * ```ts
 * await registerImage(store, { manifestBytes, manifestMediaType, layerContents },
 *   { tags: [parseReference("localhost:5000/app:v1")] });
 * ```
 */
export async function registerImage(
  store: ImageStore,
  blobs: ImageBlobs,
  names: { tags?: ImageReference[]; digests?: ImageReference[] } = {},
): Promise<ImageRecord> {
  const manifestDigest = digestOf(blobs.manifestBytes);
  const manifest = JSON.parse(new TextDecoder().decode(blobs.manifestBytes)) as ImageManifest;
  const mediaType = manifest.mediaType ?? blobs.manifestMediaType;
  if (!isManifestMediaType(mediaType) || !manifest.config || !Array.isArray(manifest.layers)) {
    throw new Error(
      `manifest ${manifestDigest} is not an image manifest (media type ${mediaType})`,
    );
  }
  const configBytes = await store.blobs.readBytes(manifest.config.digest);
  const config = parseImageConfig(configBytes);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length) {
    throw new LayerContentError(
      `image config lists ${diffIds.length} layers but the manifest has ${manifest.layers.length}`,
    );
  }
  const layers: LayerRecord[] = manifest.layers.map((descriptor, i) => {
    const content = blobs.layerContents[i];
    if (content.diffId !== diffIds[i]) {
      throw new LayerContentError(
        `layer ${descriptor.digest} unpacks to ${content.diffId}, but the image config expects ` +
          `${diffIds[i]}`,
      );
    }
    return {
      digest: descriptor.digest,
      mediaType: descriptor.mediaType,
      size: descriptor.size,
      diffId: content.diffId,
      uncompressedSize: content.size,
    };
  });
  return await store.put({
    id: manifest.config.digest,
    manifestDigest,
    manifestMediaType: mediaType,
    configMediaType: manifest.config.mediaType,
    layers,
    config,
    created: config.created ?? zeroTime,
    size: layers.reduce((sum, layer) => sum + layer.uncompressedSize, 0),
  }, names);
}
