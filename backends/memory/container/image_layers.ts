/**
 * A registry or built image's layers as the container's read-only image: each layer tar is
 * imported over the one below it with the sandbox's `importLayer`. Pooled Workers host one
 * container after another, so imported layers are kept per Worker by their chain (the digests
 * from the bottom up to them): the next container of the same image, or of an image that shares
 * its lower layers, reuses them instead of parsing the tars again.
 *
 * @module
 */
import { importLayer, type Layer, LayerBuilder } from "../../../sandbox/mod.ts";

/** One layer as the backend sends it: the blob digest and the uncompressed tar's bytes. */
export interface ImageLayerBytes {
  digest: string;
  tar: Uint8Array;
}

// Bounded so a long-lived Worker does not keep every image it ever ran; layers still used by a
// live container stay alive through it.
const maxCached = 64;
const cache = new Map<string, Promise<Layer>>();

function remember(key: string, layer: Promise<Layer>): Promise<Layer> {
  cache.set(key, layer);
  // A failed import must not stay cached: the next container tries again and reports its error.
  layer.catch(() => cache.delete(key));
  while (cache.size > maxCached) cache.delete(cache.keys().next().value!);
  return layer;
}

/**
 * The top layer of an image made of `layers` (bottom first). An image with no layers
 * (`FROM scratch`) gets an empty root.
 *
 * @example
 * ```ts
 * const image = await imageLayerStack([{ digest: "sha256:…", tar }]);
 * const fs = await createFileSystem({ image });
 * ```
 */
export async function imageLayerStack(layers: ImageLayerBytes[]): Promise<Layer> {
  if (layers.length === 0) return new LayerBuilder().finish();
  let parent: Layer | undefined;
  let key = "";
  for (const { digest, tar } of layers) {
    key = key ? `${key} ${digest}` : digest;
    const below = parent;
    const cached = cache.get(key);
    parent = await (cached ?? remember(
      key,
      importLayer(new Blob([tar as Uint8Array<ArrayBuffer>]).stream(), { parent: below }).catch(
        (error) => {
          throw new Error(`image layer ${digest}: ${(error as Error).message}`, { cause: error });
        },
      ),
    ));
  }
  return parent!;
}
