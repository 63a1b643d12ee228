/**
 * gzip through the platform's CompressionStream/DecompressionStream, typed for byte streams
 * (TypeScript 6 types their writable side as BufferSource, which `pipeThrough` rejects).
 *
 * @module
 */

type BytePair = ReadableWritablePair<Uint8Array, Uint8Array>;

/** Decompresses a gzip byte stream. */
export function gunzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new DecompressionStream("gzip") as unknown as BytePair);
}

/** Compresses a byte stream with gzip. */
export function gzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new CompressionStream("gzip") as unknown as BytePair);
}

/** Compresses bytes held in memory with gzip. */
export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(gzip(ReadableStream.from([bytes]))).arrayBuffer());
}
