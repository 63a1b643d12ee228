/**
 * Reading tar streams: gzip is detected from the magic bytes and undone with the platform's
 * `DecompressionStream`; entries are decoded by `modern-tar` in strict mode (bad checksums and
 * truncation are errors, not a silently short archive); entry names are checked so none can
 * climb out of the directory they are extracted into.
 *
 * @module
 */
import { createTarDecoder, type ParsedTarEntry } from "modern-tar";

/** A tar stream that cannot be imported; the message says which entry and why. */
export class TarError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TarError";
  }
}

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/** Peeks at the first bytes and returns a stream of plain tar bytes. */
async function decompressed(
  stream: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  let length = 0;
  while (length < 4) {
    const { value, done } = await reader.read();
    if (done) break;
    head.push(value);
    length += value.length;
  }
  const first = new Uint8Array(length);
  head.reduce((offset, chunk) => (first.set(chunk, offset), offset + chunk.length), 0);
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length > 0) controller.enqueue(first);
    },
    async pull(controller) {
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  if (startsWith(first, ZSTD)) {
    await replay.cancel();
    throw new TarError(
      "zstd-compressed layers are not supported: Deno has no zstd DecompressionStream",
    );
  }
  if (!startsWith(first, GZIP)) return replay;
  return replay.pipeThrough(
    new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
}

/** The entries of a tar (or gzipped tar) stream; each body must be read or cancelled in turn. */
export async function* tarEntries(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<ParsedTarEntry> {
  const entries = (await decompressed(stream)).pipeThrough(createTarDecoder({ strict: true }));
  const reader = entries.getReader();
  try {
    while (true) {
      signal?.throwIfAborted();
      let next;
      try {
        next = await reader.read();
      } catch (error) {
        throw new TarError(`invalid tar stream: ${(error as Error).message ?? error}`, {
          cause: error,
        });
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** How many more bytes an archive may unpack; past it the import fails. */
export class ByteBudget {
  constructor(public remaining = Number.POSITIVE_INFINITY, readonly limit = remaining) {}

  take(entry: ParsedTarEntry): void {
    if (entry.header.size > this.remaining) {
      throw new TarError(
        `tar entry ${entry.header.name}: archive exceeds the ${this.limit}-byte limit`,
      );
    }
    this.remaining -= entry.header.size;
  }
}

/** Bodies up to this size are read straight into one buffer; larger ones grow as bytes arrive. */
const PREALLOCATE = 16 * 1024 * 1024;

/**
 * Reads a whole entry body. Memory follows the bytes that really arrive, never the size a header
 * claims; a stream that breaks mid-body is reported against the entry.
 */
export async function readBody(entry: ParsedTarEntry, signal?: AbortSignal): Promise<Uint8Array> {
  const size = entry.header.size;
  const chunks: Uint8Array[] = [];
  const direct = size <= PREALLOCATE ? new Uint8Array(size) : undefined;
  let offset = 0;
  const reader = entry.body.getReader();
  try {
    while (true) {
      signal?.throwIfAborted();
      const { value, done } = await reader.read();
      if (done) break;
      if (offset + value.length > size) {
        throw new TarError(`tar entry ${entry.header.name}: body longer than its header says`);
      }
      if (direct) direct.set(value, offset);
      else chunks.push(value.slice());
      offset += value.length;
    }
  } catch (error) {
    if (error instanceof TarError || signal?.aborted) throw error;
    const reason = (error as Error).message ?? error;
    throw new TarError(`tar entry ${entry.header.name}: ${reason}`, { cause: error });
  } finally {
    reader.releaseLock();
  }
  if (offset !== size) {
    throw new TarError(`tar entry ${entry.header.name}: truncated (${offset} of ${size} bytes)`);
  }
  if (direct) return direct;
  const out = new Uint8Array(size);
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}

/**
 * The entry's path relative to the extraction root, with `.` and inner `..` resolved. A name
 * that is absolute or climbs above the root is refused: nothing may land outside it.
 */
export function entryPath(name: string): string {
  if (name.startsWith("/")) throw new TarError(`tar entry ${name}: absolute paths are refused`);
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) throw new TarError(`tar entry ${name}: path climbs out of the root`);
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
