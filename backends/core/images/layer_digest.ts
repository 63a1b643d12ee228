/**
 * A layer's DiffID (the digest of its uncompressed tar) and uncompressed size, computed by
 * decompressing it as it streams. This is how a truncated or corrupt gzip layer is caught even
 * when its compressed digest is right, and how `docker images` gets its sizes.
 *
 * @module
 */
import { NotImplemented } from "../errors.ts";
import { gunzip } from "./compression.ts";
import { DigestStream } from "./digest.ts";
import { MediaType } from "./oci.ts";

/** How a layer blob is compressed. */
export type LayerCompression = "gzip" | "none";

/** A layer that does not decompress, or whose content is not what the config says. */
export class LayerContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LayerContentError";
  }
}

const gzipTypes = new Set<string>([MediaType.ociLayerGzip, MediaType.dockerLayerGzip]);
const tarTypes = new Set<string>([
  MediaType.ociLayer,
  "application/vnd.docker.image.rootfs.diff.tar",
]);

/** The compression a layer media type implies; unsupported ones fail loudly. */
export function layerCompression(mediaType: string): LayerCompression {
  if (gzipTypes.has(mediaType)) return "gzip";
  if (tarTypes.has(mediaType)) return "none";
  if (mediaType.endsWith("+zstd")) {
    throw new NotImplemented(
      `layer media type ${mediaType}: zstd-compressed layers are not supported (Deno's ` +
        `DecompressionStream has no zstd)`,
    );
  }
  throw new NotImplemented(`unsupported layer media type ${mediaType}`);
}

/** The compression a layer's first bytes show (docker-archive layers carry no media type). */
export function sniffCompression(head: Uint8Array): LayerCompression {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    throw new NotImplemented("zstd-compressed layers are not supported");
  }
  return "none";
}

/** What a layer holds once uncompressed. */
export interface LayerContent {
  diffId: string;
  size: number;
}

/**
 * Decompresses and hashes a layer stream; rejects with a {@link LayerContentError} naming the
 * layer when the compressed data is truncated or corrupt.
 */
export async function measureLayer(
  stream: ReadableStream<Uint8Array>,
  compression: LayerCompression,
  what = "layer",
): Promise<LayerContent> {
  const hashing = new DigestStream();
  const plain = compression === "gzip" ? gunzip(stream) : stream;
  try {
    await plain.pipeThrough(hashing).pipeTo(new WritableStream());
  } catch (error) {
    throw new LayerContentError(
      `${what} cannot be decompressed (truncated or corrupt): ${(error as Error).message}`,
    );
  }
  return { diffId: hashing.digest(), size: hashing.size };
}
