/**
 * Uncompressed layer tars for workloads, kept by blob digest (most recently used last, bounded
 * by total size): a workload's Worker has no file permissions, so the simulator reads each layer
 * and sends its bytes; the next task of the same image must not gunzip its layers again.
 *
 * @module
 */
import {
  type ImageRecord,
  type ImageStore,
  openLayerTar,
} from "../../../backends/core/images/mod.ts";

/** One layer as a workload receives it: the blob digest and the uncompressed tar. */
export interface LayerBytes {
  digest: string;
  tar: Uint8Array;
}

export class LayerBytesCache {
  #cached = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor(readonly maxBytes = 256 * 1024 * 1024) {}

  /** Each layer of `image`, bottom first. */
  async of(store: ImageStore, image: ImageRecord): Promise<LayerBytes[]> {
    const layers: LayerBytes[] = [];
    for (const layer of image.layers) {
      let tar = this.#cached.get(layer.digest);
      if (tar) {
        this.#cached.delete(layer.digest);
      } else {
        tar = new Uint8Array(await new Response(await openLayerTar(store, layer)).arrayBuffer());
        this.#bytes += tar.length;
      }
      this.#cached.set(layer.digest, tar);
      layers.push({ digest: layer.digest, tar });
    }
    for (const [digest, tar] of this.#cached) {
      if (this.#bytes <= this.maxBytes || layers.some((l) => l.digest === digest)) break;
      this.#cached.delete(digest);
      this.#bytes -= tar.length;
    }
    return layers;
  }
}
