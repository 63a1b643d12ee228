/**
 * What the store keeps per image, and the pure facts derived from it (references, chain IDs).
 *
 * @module
 */
import { digestOf } from "./digest.ts";
import type { ImageConfig } from "./oci.ts";

/** One layer of an image: the stored (usually compressed) blob and what it unpacks to. */
export interface LayerRecord {
  /** Digest of the blob as stored and as the registry serves it. */
  digest: string;
  mediaType: string;
  /** Size of the stored blob. */
  size: number;
  /** Digest of the uncompressed tar (the config's `rootfs.diff_ids` entry). */
  diffId: string;
  /** Size of the uncompressed tar. */
  uncompressedSize: number;
}

/** An image in the store. Its ID is the digest of its config, as in Docker. */
export interface ImageRecord {
  id: string;
  /** Digest of the single-platform manifest kept in the blob store. */
  manifestDigest: string;
  manifestMediaType: string;
  configMediaType: string;
  layers: LayerRecord[];
  config: ImageConfig;
  /** Normalised tagged references: `docker.io/library/alpine:latest`. */
  repoTags: string[];
  /** Normalised digested references: `docker.io/library/alpine@sha256:…`. */
  repoDigests: string[];
  /** The config's `created`, or Docker's zero time when it has none. */
  created: string;
  /** Sum of the uncompressed layer sizes, as `docker images` shows. */
  size: number;
  /** When a tag was last added (`Metadata.LastTagTime`). */
  lastTagTime?: string;
  /** When this store first got the image; orders listings of images created at the same time. */
  addedAt: string;
}

/** Docker's zero time, used where Go would print `time.Time{}`. */
export const zeroTime = "0001-01-01T00:00:00Z";

/** Every blob an image needs: manifest, config and layers. */
export function blobsOf(image: ImageRecord): string[] {
  return [image.manifestDigest, image.id, ...image.layers.map((layer) => layer.digest)];
}

/** True when the image has no tag (it shows as `<none>:<none>`). */
export function isDangling(image: ImageRecord): boolean {
  return image.repoTags.length === 0;
}

/**
 * The chain IDs of an image's layers (OCI image-spec: ChainID(L₀…Lₙ) =
 * sha256(ChainID(L₀…Lₙ₋₁) + " " + DiffID(Lₙ))), which Docker reports for deleted layers.
 */
export function chainIds(diffIds: string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    chain.push(chain.length === 0 ? diffId : digestOf(`${chain[chain.length - 1]} ${diffId}`));
  }
  return chain;
}
