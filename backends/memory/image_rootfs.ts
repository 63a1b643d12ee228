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
import { type ImageRecord, type ImageStore, openLayerTar } from "../core/images/mod.ts";
import type { ContainerActorArgs } from "./container/protocol.ts";

const BUILTIN_LABEL = "io.sockerless.builtin";

/** Each layer's blob digest and uncompressed tar, bottom first. */
export async function imageLayerBytes(
  store: ImageStore,
  image: ImageRecord,
): Promise<{ digest: string; tar: Uint8Array }[]> {
  const layers = [];
  for (const layer of image.layers) {
    const tar = new Uint8Array(await new Response(await openLayerTar(store, layer)).arrayBuffer());
    layers.push({ digest: layer.digest, tar });
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
