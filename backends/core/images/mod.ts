/**
 * The image store: content-addressed blobs, image records that survive restarts, Docker's
 * reference rules, listing with filters, inspect/history, `rmi` conflict rules, and the Docker
 * archive formats of `docker save`/`docker load`.
 *
 * @example Open a store, find an image, list and remove
 * ```ts
 * import { ImageStore, inspectImage, listImages, removeImage } from "./mod.ts";
 *
 * const store = await ImageStore.open("/var/lib/sockerless/images");
 * const { image } = store.resolve("busybox");          // NotFound: "No such image: busybox"
 * inspectImage(image).Config.Cmd;                       // ["sh"]
 * listImages(store, { dangling: ["true"] });            // GET /images/json?filters=…
 * await store.tag(image.id, "localhost:5000/busybox:copy");
 * await removeImage(store, "busybox", { usage: (id) => containersUsing(id) });
 * ```
 *
 * @example Hand layers to the sandbox (uncompressed tars, bottom first)
 * ```ts
 * for (const layer of image.layers) await importLayer(await openLayerTar(store, layer));
 * ```
 *
 * @example Commit or import: a new image from layer tars on a base
 * ```ts
 * const image = await createImage(store, {
 *   base: store.resolve("busybox").image,
 *   layers: [containerDiffTar],
 *   config: { config: { Cmd: ["sh"] } },
 *   tags: ["app:1"],
 * });
 * ```
 *
 * @example Save and load
 * ```ts
 * const tar: ReadableStream<Uint8Array> = saveImages(store, ["busybox", "alpine:3"]);
 * const loaded = await loadImages(store, tar); // [{ id, tags }]
 * ```
 *
 * @module
 */
export { type LoadedImage, loadImages, type LoadResult } from "./archive_load.ts";
export { saveImages, selectImagesToSave } from "./archive_save.ts";
export {
  BlobStore,
  DigestMismatchError,
  type ExpectedBlob,
  type PutOptions,
  SizeMismatchError,
  type StoredBlob,
} from "./blob_store.ts";
export { gunzip, gzip, gzipBytes } from "./compression.ts";
export { createImage, type NewImage } from "./create_image.ts";
export { assertDigest, digestHex, digestOf, DigestStream, shortId } from "./digest.ts";
export {
  blobsOf,
  chainIds,
  type ImageRecord,
  isDangling,
  type LayerRecord,
} from "./image_record.ts";
export { ImageStore, type ResolvedImage } from "./image_store.ts";
export { type HistoryItem, imageHistory, type ImageInspect, inspectImage } from "./inspect.ts";
export {
  type LayerCompression,
  layerCompression,
  type LayerContent,
  LayerContentError,
  measureLayer,
  sniffCompression,
} from "./layer_digest.ts";
export { openLayerTar } from "./layer_tar.ts";
export { type ImageFilters, type ImageSummary, listImages } from "./list.ts";
export * from "./oci.ts";
export { BadPatternError, matchPath } from "./path_match.ts";
export {
  familiarName,
  familiarString,
  formatReference,
  type ImageReference,
  isIdPrefix,
  parseReference,
  repositoryName,
  withDefaultTag,
} from "./reference.ts";
export { parseUntil, pruneImages, type PruneReport } from "./prune.ts";
export { type ImageBlobs, registerImage } from "./register.ts";
export {
  type ImageDeleteItem,
  type ImageUsage,
  type ImageUser,
  removeImage,
  type RemoveOptions,
} from "./remove.ts";
