/**
 * The content-addressed blob store: `<root>/blobs/sha256/<hex>`. A blob is streamed to a temp
 * file in `<root>/tmp`, hashed on the way, and renamed into place only when its digest (and
 * size, when known) match, so a reader never sees a half-written or wrong blob.
 *
 * @module
 */
import { NotFound } from "../errors.ts";
import { assertDigest, digestHex, DigestStream } from "./digest.ts";

/** A blob whose bytes do not hash to the digest it was announced with. */
export class DigestMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string, readonly what = "blob") {
    super(`${what} verification failed: expected digest ${expected}, got ${actual}`);
    this.name = "DigestMismatchError";
  }
}

/** A blob that ended before (or ran past) the size it was announced with. */
export class SizeMismatchError extends Error {
  constructor(readonly expected: number, readonly actual: number, readonly what = "blob") {
    super(
      `${what} size mismatch: expected ${expected} bytes, got ${actual}` +
        (actual < expected ? " (truncated)" : ""),
    );
    this.name = "SizeMismatchError";
  }
}

/** What a stored blob is expected to be; both are checked while it streams in. */
export interface ExpectedBlob {
  digest?: string;
  size?: number;
  /** Names the blob in error messages: "layer sha256:…", "config". */
  what?: string;
}

/** Options for {@link BlobStore.put}. */
export interface PutOptions extends ExpectedBlob {
  signal?: AbortSignal;
}

/** A stored blob: its digest and size. */
export interface StoredBlob {
  digest: string;
  size: number;
  /** False when the blob was already there (the new copy was verified and dropped). */
  created: boolean;
}

/**
 * Content-addressed blobs under a root directory.
 *
 * @example
 * ```ts
 * const blobs = await BlobStore.open("/var/lib/sockerless/images");
 * const { digest } = await blobs.putBytes(new TextEncoder().encode("hello"));
 * const bytes = await blobs.readBytes(digest);
 * ```
 */
export class BlobStore {
  private constructor(readonly root: string) {}

  /** Opens (creating) a store and removes temp files a crash may have left behind. */
  static async open(root: string): Promise<BlobStore> {
    await Deno.mkdir(`${root}/blobs/sha256`, { recursive: true });
    await Deno.remove(`${root}/tmp`, { recursive: true }).catch(() => {});
    await Deno.mkdir(`${root}/tmp`, { recursive: true });
    return new BlobStore(root);
  }

  /** The file a blob lives in. */
  path(digest: string): string {
    return `${this.root}/blobs/sha256/${digestHex(digest)}`;
  }

  /** A fresh temp file path on the same filesystem as the blobs (so rename is atomic). */
  tempPath(): string {
    return `${this.root}/tmp/${crypto.randomUUID()}`;
  }

  /** True when the blob is stored. */
  async has(digest: string): Promise<boolean> {
    try {
      await Deno.stat(this.path(digest));
      return true;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return false;
      throw error;
    }
  }

  /** The size of a stored blob. */
  async size(digest: string): Promise<number> {
    try {
      return (await Deno.stat(this.path(digest))).size;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) throw new NotFound(`blob ${digest} not found`);
      throw error;
    }
  }

  /** Streams a stored blob. */
  async open(digest: string): Promise<ReadableStream<Uint8Array>> {
    try {
      return (await Deno.open(this.path(digest))).readable;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) throw new NotFound(`blob ${digest} not found`);
      throw error;
    }
  }

  /** Reads a (small) stored blob whole: manifests and configs. */
  async readBytes(digest: string): Promise<Uint8Array<ArrayBuffer>> {
    try {
      return await Deno.readFile(this.path(digest));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) throw new NotFound(`blob ${digest} not found`);
      throw error;
    }
  }

  /**
   * Streams bytes into the store, verifying them against what was expected. On any failure
   * (mismatch, truncation, abort) the temp file is removed and nothing becomes visible.
   */
  async put(stream: ReadableStream<Uint8Array>, options: PutOptions = {}): Promise<StoredBlob> {
    if (options.digest) assertDigest(options.digest);
    const temp = this.tempPath();
    const hashing = new DigestStream();
    try {
      const file = await Deno.open(temp, { write: true, createNew: true });
      try {
        // Written through file.write, not file.writable: in Deno 2.9 piping into
        // `file.writable` with preventClose (needed to fsync before closing) writes nothing.
        const sink = new WritableStream<Uint8Array>({
          async write(chunk) {
            for (let offset = 0; offset < chunk.length;) {
              offset += await file.write(chunk.subarray(offset));
            }
          },
        });
        await stream.pipeThrough(hashing).pipeTo(sink, { signal: options.signal });
        // On disk before it becomes visible: a crash never leaves a renamed, empty blob.
        await file.syncData();
      } finally {
        file.close();
      }
      const digest = hashing.digest();
      const what = options.what ?? "blob";
      if (options.size !== undefined && hashing.size !== options.size) {
        throw new SizeMismatchError(options.size, hashing.size, what);
      }
      if (options.digest && digest !== options.digest) {
        throw new DigestMismatchError(options.digest, digest, what);
      }
      return await this.#commit(temp, digest, hashing.size);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
  }

  /** Stores bytes held in memory (manifests, configs). */
  async putBytes(bytes: Uint8Array, options: Omit<PutOptions, "size"> = {}): Promise<StoredBlob> {
    return await this.put(ReadableStream.from([bytes]), { ...options, size: bytes.byteLength });
  }

  /** Deletes a blob; deleting a missing blob is not an error (delete is idempotent). */
  async delete(digest: string): Promise<void> {
    await Deno.remove(this.path(digest)).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }

  /** Every stored digest. */
  async *digests(): AsyncIterable<string> {
    for await (const entry of Deno.readDir(`${this.root}/blobs/sha256`)) {
      if (entry.isFile) yield `sha256:${entry.name}`;
    }
  }

  async #commit(temp: string, digest: string, size: number): Promise<StoredBlob> {
    const target = this.path(digest);
    if (await this.has(digest)) {
      await Deno.remove(temp);
      return { digest, size, created: false };
    }
    await Deno.rename(temp, target);
    return { digest, size, created: true };
  }
}
