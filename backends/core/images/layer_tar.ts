/**
 * A stored layer as the uncompressed tar the sandbox's layered filesystem imports.
 *
 * @module
 */
import { gunzip } from "./compression.ts";
import type { LayerRecord } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { layerCompression } from "./layer_digest.ts";

/**
 * Opens a layer's uncompressed tar stream.
 *
 * @example
 * ```ts
 * const { image } = store.resolve("busybox");
 * for (const layer of image.layers) await importLayer(await openLayerTar(store, layer));
 * ```
 */
export async function openLayerTar(
  store: ImageStore,
  layer: LayerRecord,
): Promise<ReadableStream<Uint8Array>> {
  const stream = await store.blobs.open(layer.digest);
  return layerCompression(layer.mediaType) === "gzip" ? gunzip(stream) : stream;
}
