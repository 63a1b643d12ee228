/**
 * What a container actor starts from for an image: the built-in sandbox root filesystem for the
 * built-in image itself (labelled `io.sockerless.builtin=true`, one layer), otherwise the image's
 * own layers — also for images built on the built-in one, whose first layer is that same root.
 * The container Worker has no file permissions, so the backend reads each layer blob
 * (uncompressed) and sends the bytes; the Worker keeps what it imported by digest
 * (./container/image_layers.ts).
 *
 * @module
 */
import {
  type ImageRecord,
  type ImageStore,
  type LayerRecord,
  openLayerTar,
} from "../core/images/mod.ts";
import type { ContainerActorArgs } from "./container/mod.ts";

const BUILTIN_LABEL = "io.sockerless.builtin";

// Uncompressed layers kept by digest, most recently used last, so starting another container of
// the same image does not gunzip its layers again; bounded by their total size.
const maxCachedBytes = 256 * 1024 * 1024;
const cached = new Map<string, Uint8Array>();
let cachedBytes = 0;

async function layerTar(store: ImageStore, layer: LayerRecord): Promise<Uint8Array> {
  const hit = cached.get(layer.digest);
  if (hit) {
    cached.delete(layer.digest);
    cached.set(layer.digest, hit);
    return hit;
  }
  const tar = new Uint8Array(await new Response(await openLayerTar(store, layer)).arrayBuffer());
  cached.set(layer.digest, tar);
  cachedBytes += tar.length;
  for (const [digest, bytes] of cached) {
    if (cachedBytes <= maxCachedBytes || digest === layer.digest) break;
    cached.delete(digest);
    cachedBytes -= bytes.length;
  }
  return tar;
}

/** Each layer's blob digest and uncompressed tar, bottom first. */
export async function imageLayerBytes(
  store: ImageStore,
  image: ImageRecord,
): Promise<{ digest: string; tar: Uint8Array }[]> {
  const layers = [];
  for (const layer of image.layers) {
    layers.push({ digest: layer.digest, tar: await layerTar(store, layer) });
  }
  return layers;
}

/** The `image` argument of a container actor for `image`. */
export async function imageRootSource(
  store: ImageStore,
  image: ImageRecord,
): Promise<ContainerActorArgs["image"]> {
  const builtin = image.config.config?.Labels?.[BUILTIN_LABEL] === "true";
  if (builtin && image.layers.length === 1) return { kind: "builtin" };
  return { kind: "layers", layers: await imageLayerBytes(store, image) };
}
