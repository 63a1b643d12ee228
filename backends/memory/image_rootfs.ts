/**
 * What a container actor starts from for an image: the built-in sandbox root filesystem for an
 * image labelled `io.sockerless.builtin=true`, otherwise the image's own layers. The container
 * Worker has no file permissions, so the backend reads each layer blob (uncompressed) and sends
 * the bytes; the Worker keeps what it imported by digest (./container/image_layers.ts).
 *
 * @module
 */
import { type ImageRecord, type ImageStore, openLayerTar } from "../core/images/mod.ts";
import type { ContainerActorArgs } from "./container/protocol.ts";

const BUILTIN_LABEL = "io.sockerless.builtin";

/** The `image` argument of a container actor for `image`. */
export async function imageRootSource(
  store: ImageStore,
  image: ImageRecord,
): Promise<ContainerActorArgs["image"]> {
  if (image.config.config?.Labels?.[BUILTIN_LABEL] === "true") return { kind: "builtin" };
  const layers = [];
  for (const layer of image.layers) {
    const tar = new Uint8Array(await new Response(await openLayerTar(store, layer)).arrayBuffer());
    layers.push({ digest: layer.digest, tar });
  }
  return { kind: "layers", layers };
}
